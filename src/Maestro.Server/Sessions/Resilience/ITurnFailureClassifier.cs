namespace Maestro.Server.Sessions.Resilience;

/// <summary>Reads one agent CLI's failure shapes. Null: the turn did not fail (and is not a disguised limit banner).</summary>
public interface ITurnFailureClassifier
{
    TurnFailure? Classify(FailedTurn turn);
}
