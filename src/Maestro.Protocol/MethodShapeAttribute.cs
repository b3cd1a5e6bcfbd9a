namespace Maestro.Protocol;

/// <summary>
/// The shape of one method of <see cref="Methods"/>: who sends it, its params record and its result record
/// (null where the message carries none, or the answer is <c>null</c>). The mirrors in TypeScript and Kotlin, the
/// recorded-exchange tests of all three languages and docs/protocol.md read their types from here.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class MethodShapeAttribute(MethodKind kind, Type? @params, Type? result) : Attribute
{
    public MethodKind Kind { get; } = kind;

    public Type? Params { get; } = @params;

    public Type? Result { get; } = result;
}
