namespace Maestro.Server.Agents.Running;

/// <summary>
/// Where every stderr line of a session's agent goes besides the error tail: the session's output
/// (<c>sessions/output</c>), so a user can read what the agent said while it worked, not only when it failed.
/// </summary>
public interface IAgentStderrSink
{
    /// <summary>Called on the agent's stderr reader: never blocks, never throws for a full client.</summary>
    /// <param name="redactor">What the line's secrets are masked with before it is kept.</param>
    void Add(string sessionId, string line, SecretRedactor redactor);
}
