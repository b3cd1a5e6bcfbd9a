namespace Maestro.Server.Agents.Running;

/// <summary>Runs turns of one kind of agent and translates its output into normalized events.</summary>
public interface IAgentAdapter
{
    Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken);
}
