using System.Text.Json.Serialization;

namespace Maestro.Protocol;

[JsonConverter(typeof(CamelCaseEnumConverter<MergeStrategy>))]
public enum MergeStrategy
{
    /// <summary>Fast-forward when possible, else a merge commit.</summary>
    Auto,
    FastForwardOnly,
    MergeCommit,
}
