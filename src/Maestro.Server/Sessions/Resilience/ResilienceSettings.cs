namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// One agent's <c>resilience</c> entry in settings.json: <c>{"availability": false}</c> turns off the resends after
/// overloads and outages, <c>{"quota": false}</c> those after a spent quota, <c>maxHours</c> caps how long one outage is
/// bridged before the turn fails as it would without Maestro's help, <c>failover</c> (off by default) resends to a
/// backup model or endpoint after some minutes of one outage.
/// </summary>
public sealed record ResilienceSettings
{
    public const double DefaultMaxHours = 24;

    public bool? Availability { get; init; }

    public bool? Quota { get; init; }

    public double? MaxHours { get; init; }

    public FailoverSettings? Failover { get; init; }

    public bool Retries(FailureClass failure) => failure switch
    {
        FailureClass.Availability => Availability ?? true,
        FailureClass.Quota => Quota ?? true,
        _ => false,
    };

    public TimeSpan Cap => TimeSpan.FromHours(MaxHours is > 0 ? MaxHours.Value : DefaultMaxHours);
}
