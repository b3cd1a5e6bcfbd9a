namespace Maestro.Server.Tests.Agents;

/// <summary>The real-CLI tests run one at a time: each CLI takes a core to start, and the machine has two.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealCliCollection
{
    public const string Name = "Real agent CLIs";
}
