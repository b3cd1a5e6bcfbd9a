using System.Reflection;
using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>The methods of <see cref="Methods"/> with their <see cref="MethodShapeAttribute"/>, read by reflection.</summary>
public static class MethodShapes
{
    public static IReadOnlyList<FieldInfo> Constants { get; } =
        [.. typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))];

    /// <summary>Each constant that has a shape; <see cref="Constants"/> minus these is what lacks one.</summary>
    public static IReadOnlyList<(string Name, MethodShapeAttribute Shape)> All { get; } =
        [.. Constants.Select(f => ((string)f.GetRawConstantValue()!, f.GetCustomAttribute<MethodShapeAttribute>()))
            .Where(m => m.Item2 is not null)
            .Select(m => (m.Item1, m.Item2!))];

    public static MethodShapeAttribute? For(string method) => All.FirstOrDefault(m => m.Name == method).Shape;
}
