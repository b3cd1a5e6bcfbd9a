using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Rpc.Fuzz;

/// <summary>
/// One seed's fuzzing over one connection: sends the seed's frames while a reader collects every answer, then a
/// well-formed request, and checks that every request with a readable id was answered and the last one succeeded.
/// </summary>
public sealed class FuzzRun
{
    private readonly RawConnection connection;
    private readonly ConcurrentDictionary<string, JsonObject> answers = new(StringComparer.Ordinal);
    private readonly List<FuzzFrame> sent = [];
    private volatile bool closed;

    public FuzzRun(RawConnection connection)
    {
        this.connection = connection;
    }

    /// <summary>Runs the seed; returns how many frames were sent and how many of them were owed an answer.</summary>
    public async Task<(int Sent, int Answered)> RunAsync(int seed, int frames)
    {
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() => ReadAsync(stop.Token));
        var fuzzer = new FrameFuzzer(seed);
        foreach (var frame in fuzzer.BeforeInitialize())
        {
            await SendAsync(frame);
        }

        await SendAsync(new FuzzFrame("initialize", LspFraming.Frame(LspFraming.Request("init-" + seed, Methods.Initialize, LspFraming.InitializeParams("fuzz"))), "\"init-" + seed + "\""));
        for (var i = 0; i < frames; i++)
        {
            await SendAsync(fuzzer.Next());
        }

        var final = "\"final-" + seed + "\"";
        await SendAsync(new FuzzFrame("final", LspFraming.Frame(LspFraming.Request("final-" + seed, Methods.AgentsList)), final));
        var owed = sent.Where(f => f.ExpectedId is not null).ToList();
        try
        {
            await Wait.UntilAsync(() => closed || owed.All(f => answers.ContainsKey(f.ExpectedId!)), TimeSpan.FromSeconds(60), "every request to be answered");
        }
        catch (TimeoutException)
        {
            // Reported below with what is missing.
        }

        await stop.CancelAsync();
        await reader.ContinueWith(_ => { }, TaskScheduler.Default);

        var missing = owed.Where(f => !answers.ContainsKey(f.ExpectedId!)).Select(f => $"{f.Kind} (id {Shorten(f.ExpectedId!)})").ToList();
        Assert.False(closed, $"seed {seed}: the server closed the connection; last frames sent: {string.Join(", ", sent.TakeLast(3).Select(f => f.Kind))}");
        Assert.True(missing.Count == 0, $"seed {seed}: {missing.Count} requests never answered: {string.Join("; ", missing.Take(10))}");
        Assert.NotNull(answers[final]["result"]);
        return (sent.Count, owed.Count);
    }

    private async Task SendAsync(FuzzFrame frame)
    {
        sent.Add(frame);
        await connection.SendAsync(frame.Bytes);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await connection.ReceiveOrEndAsync(cancellationToken) is { } message)
            {
                if (message["method"] is null && message["id"] is { } id)
                {
                    answers[id.ToJsonString()] = message;
                }
            }

            closed = true;
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            closed = true;
        }
    }

    private static string Shorten(string id) => id.Length > 40 ? id[..40] + "…" : id;
}
