using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Maestro.ModelServerHost;
using Maestro.TestSupport.ModelServer;

// Usage: maestro-model-server   (stops when stdin closes or on SIGTERM)
await using var model = await ScriptedModelServer.StartAsync();

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ControlJsonContext.Default));
var control = builder.Build();
control.Urls.Add("http://127.0.0.1:0");

control.MapGet("/health", () => Results.Ok());
control.MapPost("/turns", (ControlTurn turn) =>
{
    var steps = turn.Steps.Select(s => s.Tool is null
        ? ScriptStep.Text(s.Text ?? string.Empty)
        : ScriptStep.ToolCall(s.Tool, s.Args?.GetRawText() ?? "{}")).ToArray();
    var usage = turn.InputTokens is null && turn.OutputTokens is null ? null : new ModelUsage(turn.InputTokens ?? 0, turn.OutputTokens ?? 0);
    model.EnqueueTurn(usage, steps);
    return Results.Ok();
});
control.MapPost("/fault", (ControlFault fault) =>
{
    model.Fault = fault.Hang ? ServerFault.Hang : fault.Status is { } status ? ServerFault.Http(status) : null;
    return Results.Ok();
});
control.MapPost("/failures", (ControlFailures failures) =>
{
    var headers = failures.RetryAfter is { } seconds ? new Dictionary<string, string> { ["retry-after"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;
    model.FailNext(failures.Count, failures.Drop ? ServerFault.Drop : ServerFault.Http(failures.Status ?? 529, failures.Message, headers));
    return Results.Ok();
});
control.MapGet("/requests", () => model.Requests
    .Select(r => new RequestSummary(r.Index, r.Method, r.PathAndQuery, r.Api.ToString(), r.ServedAs.ToString(), r.Body))
    .ToArray());

await control.StartAsync();
var urls = new Dictionary<string, string>
{
    ["modelUrl"] = model.BaseUrl,
    ["controlUrl"] = control.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'),
};
Console.WriteLine(JsonSerializer.Serialize(urls, ControlJsonContext.Default.DictionaryStringString));
Console.Out.Flush();

// Runs until the parent closes our stdin (so it never outlives the test run) or stops us.
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
var stopped = new TaskCompletionSource();
control.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
await Task.WhenAny(stdinClosed, stopped.Task);
await control.StopAsync();
