namespace Maestro.Server.Processes.Containment;

/// <summary>Platforms without process groups Maestro can use (Windows, macOS): agents run as plain children; CliWrap still kills their tree on cancel.</summary>
public sealed class NoProcessContainment : IProcessContainment
{
    public bool Contains => false;

    public string BootId => string.Empty;

    public (string Executable, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments) => (executable, arguments);

    public ProcessIdentity? Inspect(int pid) => null;

    public IReadOnlyList<int> GroupMembers(int processGroupId, long notBefore) => [];

    public bool KillGroup(int processGroupId) => false;
}
