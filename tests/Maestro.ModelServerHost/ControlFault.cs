namespace Maestro.ModelServerHost;

/// <summary><c>{"hang": true}</c>, <c>{"status": 500}</c>, or <c>{}</c> to clear.</summary>
internal sealed record ControlFault(bool Hang, int? Status);
