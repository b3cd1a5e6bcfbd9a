using System.Globalization;
using LibGit2Sharp;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Git.Errors;
using Maestro.Server.Hosting;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// Review against each turn's own baseline (docs/review.md): only what an agent changed is offered, labelled with its
/// session. Accept moves the baseline forward; reject reverts the agent's lines in the working file and leaves every
/// other line, the user's included, as it is; neither touches git's index. Every decision is stored and can be undone.
/// </summary>
public sealed class AgentReviewService
{
    private readonly RepositoryLocator locator;
    private readonly RepositoryLocks locks;
    private readonly ReviewWatcher watcher;
    private readonly AttributionStore store;
    private readonly ReviewTrash trash;

    public AgentReviewService(RepositoryLocator locator, RepositoryLocks locks, ReviewWatcher watcher, Storage.MaestroDatabase database, MaestroOptions options)
    {
        this.locator = locator;
        this.locks = locks;
        this.watcher = watcher;
        store = new AttributionStore(database);
        trash = new ReviewTrash(options.Paths);
    }

    public async Task<ReviewChangesResult> ChangesAsync(ReviewChangesParams request, bool watch, CancellationToken cancellationToken)
    {
        var location = locator.Locate(request.Cwd);
        var selectors = request.Paths?.Select(p => RepositoryLocator.ToRelative(location, p)).ToList();
        if (watch)
        {
            watcher.Watch(location);
        }

        var views = await ViewsAsync(location, request.SessionId, request.TurnId, selectors, cancellationToken);
        var files = views.Select(ToFile).ToList();
        var sessions = views.GroupBy(v => v.Change.SessionId).Select(g => new ReviewSessionSummary
        {
            SessionId = g.Key,
            Name = g.First().Change.SessionName,
            AgentId = g.First().Change.AgentId,
            Files = g.Select(v => v.Change.Path).Distinct(StringComparer.Ordinal).Count(),
            Hunks = g.Sum(v => v.WholeFile ? 1 : v.Hunks.Count),
        }).ToList();
        return new ReviewChangesResult { Files = files, Sessions = sessions, Decided = await DecidedAsync(location, request.SessionId, request.TurnId, selectors, cancellationToken) };
    }

    /// <summary>
    /// What became of each file a session's agent changed, whichever client decided: the latest decision on that
    /// session's changes to the file that was not undone (stored, so a reload or another client sees it too).
    /// </summary>
    private async Task<List<ReviewDecidedFile>> DecidedAsync(GitRepositoryPath location, string? sessionId, string? turnId, IReadOnlyList<string>? selectors, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<(string Session, string Path), ReviewDecidedFile>();
        foreach (var (session, turn, path, kind, decision) in await store.DecidedAsync(location.Root, sessionId, turnId, cancellationToken))
        {
            if (selectors is { Count: > 0 } && !selectors.Any(s => Matches(path, s)))
            {
                continue;
            }

            latest[(session, path)] = new ReviewDecidedFile
            {
                SessionId = session,
                TurnId = turn,
                Path = path,
                Outcome = kind == ReviewDecision.Accept ? ReviewOutcome.Kept : ReviewOutcome.Rejected,
                DecisionId = decision,
            };
        }

        return [.. latest.Values.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.SessionId, StringComparer.Ordinal)];
    }

    public async Task<ReviewAcceptResult> AcceptAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
    {
        var (count, decision, _, _) = await DecideAsync(request, accept: true, cancellationToken);
        return new ReviewAcceptResult { Accepted = count, DecisionId = decision };
    }

    public async Task<ReviewRejectResult> RejectAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
    {
        var (count, decision, trashed, contents) = await DecideAsync(request, accept: false, cancellationToken);
        return new ReviewRejectResult { Rejected = count, DecisionId = decision, Trashed = trashed, Contents = request.Apply == false ? contents : null };
    }

    public async Task<ReviewUndoResult> UndoAsync(ReviewUndoParams request, CancellationToken cancellationToken)
    {
        var location = locator.Locate(request.Cwd);
        var decision = await store.GetDecisionAsync(request.DecisionId, cancellationToken);
        if (decision is null || !string.Equals(decision.Root, location.Root, StringComparison.Ordinal))
        {
            throw new InvalidParamsException($"There is no review decision '{request.DecisionId}' in '{location.Root}'.");
        }

        if (decision.Undone)
        {
            throw new InvalidParamsException($"Review decision '{request.DecisionId}' was already undone.");
        }

        var contents = new List<ReviewFileContent>();
        using (await locks.AcquireAsync(location, cancellationToken))
        {
            using var repo = new Repository(location.Root);

            // Work out every file's result before writing any: an undo that cannot be done changes nothing.
            var updates = new List<AgentChange>();
            var writes = new List<Action>();
            foreach (var file in decision.Files)
            {
                var change = await store.GetChangeAsync(file.SessionId, file.TurnId, location.Root, file.Path, cancellationToken)
                    ?? throw new InvalidParamsException($"The agent change of '{file.Path}' behind decision '{decision.Id}' is gone.");
                if (decision.Kind == ReviewDecision.Accept)
                {
                    updates.Add(change with { BaselineBlob = RebaseBlob(repo, file.Path, file.BaselineAfter, file.BaselineBefore, change.BaselineBlob) });
                    continue;
                }

                updates.Add(change with { AgentBlob = RebaseBlob(repo, file.Path, file.AgentAfter, file.AgentBefore, change.AgentBlob) });
                if (file.WorkTouched)
                {
                    var (write, content) = UndoWorking(repo, location, file);
                    if (request.Apply == false && content is not null)
                    {
                        // The editor writes it (its own undo may already have): the server only records the undo.
                        contents.Add(new ReviewFileContent { Path = file.Path, Content = TextLines.Decode(content) });
                    }
                    else
                    {
                        writes.Add(write);
                    }
                }
            }

            foreach (var write in writes)
            {
                write();
            }

            await store.MarkUndoneAsync(decision.Id, updates, cancellationToken);
        }

        watcher.Touch(location, decision.Files.Select(f => f.Path));
        return new ReviewUndoResult { Restored = decision.Files.Count, Contents = request.Apply == false ? contents : null };
    }

    private async Task<(int Count, string? Decision, List<string> Trashed, List<ReviewFileContent> Contents)> DecideAsync(ReviewSelectionParams request, bool accept, CancellationToken cancellationToken)
    {
        if ((request.HunkIds is null || request.HunkIds.Count == 0) && (request.Paths is null || request.Paths.Count == 0))
        {
            throw new InvalidParamsException($"Name what to {(accept ? "accept" : "reject")}: hunkIds, paths, or both (\".\" for every file).");
        }

        var location = locator.Locate(request.Cwd);
        var selectors = request.Paths?.Select(p => RepositoryLocator.ToRelative(location, p)).ToList() ?? [];
        var decisionId = "d_" + Guid.NewGuid().ToString("N")[..16];
        var trashed = new List<string>();
        var contents = new List<ReviewFileContent>();
        int count;
        List<DecisionFile> files;
        using (await locks.AcquireAsync(location, cancellationToken))
        {
            var views = await ViewsAsync(location, request.SessionId, null, null, cancellationToken);
            var chosen = Select(views, request.HunkIds ?? [], selectors);
            if (chosen.Count == 0)
            {
                return (0, null, trashed, contents);
            }

            if (!accept && !request.Confirm)
            {
                RefuseMixed(chosen);
            }

            using var repo = new Repository(location.Root);
            files = [];
            var updates = new List<AgentChange>();
            count = 0;
            foreach (var (view, hunks) in chosen)
            {
                count += view.WholeFile ? 1 : hunks.Count;
                var (file, updated) = accept
                    ? Accept(repo, view, hunks)
                    : Reject(repo, location, view, hunks, decisionId, trashed, request.Apply == false ? contents : null);
                files.Add(file);
                updates.Add(updated);
            }

            await store.SaveDecisionAsync(new ReviewDecision(decisionId, location.Root, accept ? ReviewDecision.Accept : ReviewDecision.Reject, files), updates, cancellationToken);
        }

        if (!accept)
        {
            trash.Purge();
        }

        watcher.Touch(location, files.Select(f => f.Path));
        return (count, decisionId, trashed, contents);
    }

    private async Task<List<AgentFileView>> ViewsAsync(GitRepositoryPath location, string? sessionId, string? turnId, IReadOnlyList<string>? selectors, CancellationToken cancellationToken)
    {
        var changes = await store.PendingAsync(location.Root, sessionId, turnId, cancellationToken);
        if (selectors is { Count: > 0 })
        {
            changes = changes.Where(c => selectors.Any(s => Matches(c.Path, s))).ToList();
        }

        return await Task.Run(
            () =>
            {
                using var repo = new Repository(location.Root);
                return changes.Select(c => View(repo, location, c)).ToList();
            },
            cancellationToken);
    }

    private static AgentFileView View(Repository repo, GitRepositoryPath location, AgentChange change)
    {
        var baseline = ReadBlob(repo, change.BaselineBlob);
        var agent = ReadBlob(repo, change.AgentBlob);
        var (working, _) = ReviewCollector.ReadWorking(location.Absolute(change.Path));
        var status = baseline is null ? ChangeStatus.Added : agent is null ? ChangeStatus.Deleted : ChangeStatus.Modified;
        var binary = (baseline is not null && TextLines.IsBinary(baseline)) || (agent is not null && TextLines.IsBinary(agent));
        var view = new AgentFileView(change, baseline, agent, working) { Status = status, Binary = binary };
        if (view.WholeFile)
        {
            // The user changed what the agent left: a created file edited or deleted since, a deleted one recreated.
            var mixed = status == ChangeStatus.Deleted ? working is not null : working is null || !working.AsSpan().SequenceEqual(agent);
            if (binary)
            {
                return view with { WholeFileMixed = mixed };
            }

            var lines = TextLines.Split(agent ?? baseline ?? []);
            var whole = status == ChangeStatus.Added
                ? new DiffHunk(0, 0, 0, lines.Length, [.. lines.Select(l => new DiffLine('+', l))])
                : new DiffHunk(0, lines.Length, 0, 0, [.. lines.Select(l => new DiffLine('-', l))]);
            return view with { WholeFileMixed = mixed, Hunks = HunkId.Assign(Key(change), [whole]) };
        }

        var baselineLines = TextLines.Split(baseline);
        var agentLines = TextLines.Split(agent);
        var workingLines = working is null ? [] : TextLines.Split(working);
        var hunks = HunkId.Assign(Key(change), HunkDiff.Compute(baselineLines, agentLines));
        var toWorking = LineBlock.Between(agentLines, workingLines);
        var mixedHunks = new HashSet<string>(StringComparer.Ordinal);
        var placed = new List<DiffHunk>(hunks.Count);
        foreach (var hunk in hunks)
        {
            var reverted = PatchApplier.Reject(agentLines, [hunk]);
            if (working is null || LineRebase.Apply(agentLines, reverted, workingLines).Conflicted)
            {
                mixedHunks.Add(hunk.Id);
            }

            placed.Add(hunk with { NewStart = MapLine(toWorking, hunk.NewStart) });
        }

        return view with { BaselineLines = baselineLines, AgentLines = agentLines, WorkingLines = workingLines, Hunks = placed, MixedHunks = mixedHunks };
    }

    /// <summary>Where line <paramref name="line"/> of the agent's version is in the working file, given the user's changes since.</summary>
    private static int MapLine(List<LineBlock> toWorking, int line)
    {
        var shift = 0;
        foreach (var block in toWorking)
        {
            if (block.End <= line && !(block.IsInsertion && block.Start == line))
            {
                shift += block.Lines.Count - (block.End - block.Start);
            }
            else if (block.Start < line)
            {
                return block.Start + shift;
            }
        }

        return line + shift;
    }

    private static List<(AgentFileView View, List<DiffHunk> Hunks)> Select(List<AgentFileView> views, IReadOnlyList<string> hunkIds, List<string> selectors)
    {
        var byId = new Dictionary<string, AgentFileView>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            foreach (var hunk in view.Hunks)
            {
                byId[hunk.Id] = view;
            }
        }

        var stale = hunkIds.Where(id => !byId.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (stale.Count > 0)
        {
            throw new StaleHunkException(stale);
        }

        var chosen = new List<(AgentFileView View, List<DiffHunk> Hunks)>();
        foreach (var view in views)
        {
            var whole = selectors.Any(s => Matches(view.Change.Path, s));
            var hunks = whole ? view.Hunks.ToList() : view.Hunks.Where(h => hunkIds.Contains(h.Id, StringComparer.Ordinal)).ToList();
            if (whole || hunks.Count > 0)
            {
                chosen.Add((view, view.WholeFile ? view.Hunks.ToList() : hunks));
            }
        }

        return chosen;
    }

    private static void RefuseMixed(List<(AgentFileView View, List<DiffHunk> Hunks)> chosen)
    {
        var lost = new List<string>();
        var paths = new List<string>();
        var ids = new List<string>();
        foreach (var (view, hunks) in chosen)
        {
            if (view.WholeFile)
            {
                if (view.WholeFileMixed)
                {
                    paths.Add(view.Change.Path);
                    ids.AddRange(view.Hunks.Select(h => h.Id));
                    lost.Add(view.Status == ChangeStatus.Added
                        ? $"'{view.Change.Path}' was edited after {view.Change.SessionName} created it (the whole file goes to Maestro's trash)"
                        : $"'{view.Change.Path}' was recreated after {view.Change.SessionName} deleted it (your version would be replaced by the one before the turn)");
                }

                continue;
            }

            var mixed = hunks.Where(h => view.MixedHunks.Contains(h.Id)).ToList();
            if (mixed.Count == 0)
            {
                continue;
            }

            paths.Add(view.Change.Path);
            ids.AddRange(mixed.Select(h => h.Id));
            var result = LineRebase.Apply(view.AgentLines, PatchApplier.Reject(view.AgentLines, mixed), view.WorkingLines, force: true);
            var edits = result.Clashing.Select(b =>
            {
                var text = b.Lines.Count == 0 ? "your deletion there (the deleted lines would come back)" : string.Join(" / ", b.Lines.Take(3).Select(l => "'" + TextLines.Display(l) + "'"));
                return string.Create(CultureInfo.InvariantCulture, $"{view.Change.Path} line {MapLine(LineBlock.Between(view.AgentLines, view.WorkingLines), b.Start) + 1}: {text}");
            });
            lost.Add(string.Join("; ", edits));
        }

        if (lost.Count > 0)
        {
            throw new MixedHunkException(
                $"You edited these agent changes after the agent made them; rejecting them would lose your edits: {string.Join("; ", lost)}. Nothing was changed; reject with confirm to lose them.",
                paths,
                ids);
        }
    }

    private static (DecisionFile File, AgentChange Updated) Accept(Repository repo, AgentFileView view, List<DiffHunk> hunks)
    {
        var change = view.Change;
        var baseline = view.WholeFile || hunks.Count == view.Hunks.Count
            ? change.AgentBlob
            : WriteBlob(repo, TextLines.Join(PatchApplier.Accept(view.BaselineLines, hunks)));
        var file = new DecisionFile(change.SessionId, change.TurnId, change.Path)
        {
            BaselineBefore = change.BaselineBlob,
            BaselineAfter = baseline,
            AgentBefore = change.AgentBlob,
            AgentAfter = change.AgentBlob,
        };
        return (file, change with { BaselineBlob = baseline });
    }

    /// <param name="leftToClient">Null: write the working file; else the modified text file's new text goes here instead (<c>apply: false</c>).</param>
    private (DecisionFile File, AgentChange Updated) Reject(Repository repo, GitRepositoryPath location, AgentFileView view, List<DiffHunk> hunks, string decisionId, List<string> trashed, List<ReviewFileContent>? leftToClient)
    {
        var change = view.Change;
        var absolute = Contained(location, change.Path);
        var workBefore = view.Working is null ? null : WriteBlob(repo, view.Working);
        string? agentAfter;
        string? workAfter;
        string? trashPath = null;
        if (view.WholeFile)
        {
            agentAfter = change.BaselineBlob;
            if (view.Baseline is null)
            {
                workAfter = null;
                if (view.Working is not null)
                {
                    trashPath = trash.Keep(decisionId, change.Path, absolute);
                    trashed.Add(change.Path);
                }
            }
            else
            {
                workAfter = change.BaselineBlob;
                AtomicFile.Write(absolute, view.Baseline);
            }
        }
        else
        {
            var reverted = PatchApplier.Reject(view.AgentLines, hunks);
            agentAfter = hunks.Count == view.Hunks.Count ? change.BaselineBlob : WriteBlob(repo, TextLines.Join(reverted));
            var working = LineRebase.Apply(view.AgentLines, reverted, view.WorkingLines, force: true).Lines!;
            var bytes = TextLines.Join(working);
            workAfter = WriteBlob(repo, bytes);
            if (leftToClient is null)
            {
                AtomicFile.Write(absolute, bytes);
            }
            else
            {
                leftToClient.Add(new ReviewFileContent { Path = change.Path, Content = TextLines.Decode(bytes) });
            }
        }

        var file = new DecisionFile(change.SessionId, change.TurnId, change.Path)
        {
            BaselineBefore = change.BaselineBlob,
            BaselineAfter = change.BaselineBlob,
            AgentBefore = change.AgentBlob,
            AgentAfter = agentAfter,
            WorkTouched = true,
            WorkBefore = workBefore,
            WorkAfter = workAfter,
            TrashPath = trashPath,
        };
        return (file, change with { AgentBlob = agentAfter });
    }

    /// <summary>
    /// Takes a reject back in the working file, keeping whatever changed there since in other lines: the write, and the
    /// text it writes when it rewrites a file in place (null when it moves a file back from the trash or deletes one).
    /// </summary>
    private static (Action Write, byte[]? Content) UndoWorking(Repository repo, GitRepositoryPath location, DecisionFile file)
    {
        var absolute = Contained(location, file.Path);
        var (now, _) = ReviewCollector.ReadWorking(absolute);
        if (file.TrashPath is not null)
        {
            if (now is not null)
            {
                throw new ReviewConflictException($"'{file.Path}' exists again since it was moved to the trash; move it away to undo the reject.", [file.Path]);
            }

            if (!File.Exists(file.TrashPath))
            {
                // Emptied after ReviewTrash.Retention (or by hand): say so instead of failing inside the move.
                throw new ReviewConflictException($"'{file.Path}' is no longer in Maestro's trash (rejected files are kept {ReviewTrash.Retention.TotalDays:0} days), so the reject cannot be undone.", [file.Path]);
            }

            return (() => ReviewTrash.Restore(file.TrashPath, absolute), null);
        }

        var after = ReadBlob(repo, file.WorkAfter);
        var before = ReadBlob(repo, file.WorkBefore);
        if (now is not null && before is not null && now.AsSpan().SequenceEqual(before))
        {
            // Already back (an editor's own undo wrote it before telling the server): nothing to write.
            return (() => { }, before);
        }

        if (now is null ? after is null : after is not null && now.AsSpan().SequenceEqual(after))
        {
            return before is null ? (() => File.Delete(absolute), null) : (() => AtomicFile.Write(absolute, before), before);
        }

        if (now is null || after is null || before is null)
        {
            throw new ReviewConflictException($"'{file.Path}' was created or deleted since the reject; undoing it would overwrite that.", [file.Path]);
        }

        var result = LineRebase.Apply(TextLines.Split(after), TextLines.Split(before), TextLines.Split(now));
        if (result.Conflicted)
        {
            throw new ReviewConflictException($"The lines of '{file.Path}' the reject restored were edited since; undoing it would overwrite that edit. Nothing was changed.", [file.Path]);
        }

        var bytes = TextLines.Join(result.Lines!);
        return (() => AtomicFile.Write(absolute, bytes), bytes);
    }

    /// <summary>Carries <paramref name="after"/> → <paramref name="before"/> over onto <paramref name="now"/> (blob ids, null = no file).</summary>
    private static string? RebaseBlob(Repository repo, string path, string? after, string? before, string? now)
    {
        if (string.Equals(after, now, StringComparison.Ordinal))
        {
            return before;
        }

        var (a, b, n) = (ReadBlob(repo, after), ReadBlob(repo, before), ReadBlob(repo, now));
        if (a is null || b is null || n is null)
        {
            throw new ReviewConflictException($"A later decision on '{path}' took the whole file; undo that one first.", [path]);
        }

        var result = LineRebase.Apply(TextLines.Split(a), TextLines.Split(b), TextLines.Split(n));
        return result.Conflicted
            ? throw new ReviewConflictException($"A later decision on '{path}' covers the same lines; undo that one first.", [path])
            : WriteBlob(repo, TextLines.Join(result.Lines!));
    }

    private static string Contained(GitRepositoryPath location, string relative)
    {
        var absolute = location.Absolute(relative);
        var parent = Path.GetDirectoryName(absolute)!;
        var real = Directory.Exists(parent) ? RealPath.Resolve(parent) : parent;
        if (!RealPath.IsUnder(real, location.Root) && !string.Equals(real, location.Root, StringComparison.Ordinal))
        {
            throw new PathOutsideWorkspaceException(absolute, location.Root);
        }

        return absolute;
    }

    private static string Key(AgentChange change) => change.SessionId + "\0" + change.TurnId + "\0" + change.Path;

    private static bool Matches(string path, string selector)
        => selector.Length == 0
           || string.Equals(path, selector, StringComparison.Ordinal)
           || path.StartsWith(selector.TrimEnd('/') + "/", StringComparison.Ordinal);

    private static byte[]? ReadBlob(Repository repo, string? id)
    {
        if (id is null)
        {
            return null;
        }

        var blob = repo.Lookup<Blob>(id) ?? throw new MaestroException($"The review baseline blob {id} is missing from the repository (was it garbage-collected?).");
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string WriteBlob(Repository repo, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return repo.ObjectDatabase.CreateBlob(stream).Sha;
    }

    private static ReviewFile ToFile(AgentFileView view)
    {
        var change = view.Change;
        return new ReviewFile
        {
            Path = change.Path,
            Status = view.Status,
            Binary = view.Binary,
            SessionId = change.SessionId,
            TurnId = change.TurnId,
            AgentId = change.AgentId,
            SessionName = change.SessionName,
            Mixed = view.WholeFile ? view.WholeFileMixed : view.MixedHunks.Count > 0,
            Hunks = [.. view.Hunks.Select(h => ReviewWire.ToHunk(h) with
            {
                SessionId = change.SessionId,
                TurnId = change.TurnId,
                AgentId = change.AgentId,
                SessionName = change.SessionName,
                Mixed = view.WholeFile ? view.WholeFileMixed : view.MixedHunks.Contains(h.Id),
            })],
        };
    }
}
