using Maestro.Protocol;
using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git.Review;

/// <summary>
/// <c>review/changes</c>, <c>review/accept</c>, <c>review/reject</c>, <c>review/undo</c> against the agents' baselines
/// (<see cref="AgentReviewService"/>), or against git's index when a client asks for <c>baseline: "index"</c>
/// (<see cref="ReviewService"/>); <c>review/stage</c> always stages into the index. A request with <c>host</c>, or about
/// a host's session, goes to that host's daemon: hunks and file contents come from the host.
/// </summary>
public sealed class ReviewRpcHandlers : IRpcHandlers
{
    private readonly ReviewService review;
    private readonly AgentReviewService agentReview;
    private readonly HostConnections hosts;

    public ReviewRpcHandlers(ReviewService review, AgentReviewService agentReview, HostConnections hosts)
    {
        this.review = review;
        this.agentReview = agentReview;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.ReviewChanges)]
    public Task<ReviewChangesResult> ChangesAsync(ReviewChangesParams request, CancellationToken cancellationToken)
        => hosts.HostOf(request.Host, request.SessionId) is { } host
            ? hosts.ForwardToHostAsync<ReviewChangesResult>(host, Methods.ReviewChanges, request with { Host = null }, cancellationToken)
            : request.Baseline == ReviewBaseline.Index
            ? review.ChangesAsync(request.Cwd, request.Paths, watch: true, cancellationToken)
            : agentReview.ChangesAsync(request, watch: true, cancellationToken);

    [JsonRpcMethod(Methods.ReviewAccept)]
    public async Task<ReviewAcceptResult> AcceptAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => hosts.HostOf(request.Host, request.SessionId) is { } host
            ? await hosts.ForwardToHostAsync<ReviewAcceptResult>(host, Methods.ReviewAccept, request with { Host = null }, cancellationToken)
            : request.Baseline == ReviewBaseline.Index
            ? new() { Accepted = await review.AcceptAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) }
            : await agentReview.AcceptAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.ReviewReject)]
    public async Task<ReviewRejectResult> RejectAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => hosts.HostOf(request.Host, request.SessionId) is { } host
            ? await hosts.ForwardToHostAsync<ReviewRejectResult>(host, Methods.ReviewReject, request with { Host = null }, cancellationToken)
            : request.Baseline == ReviewBaseline.Index
            ? new() { Rejected = await review.RejectAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) }
            : await agentReview.RejectAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.ReviewStage)]
    public async Task<ReviewStageResult> StageAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => hosts.HostOf(request.Host, request.SessionId) is { } host
            ? await hosts.ForwardToHostAsync<ReviewStageResult>(host, Methods.ReviewStage, request with { Host = null }, cancellationToken)
            : new() { Staged = await review.AcceptAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) };

    [JsonRpcMethod(Methods.ReviewUndo)]
    public Task<ReviewUndoResult> UndoAsync(ReviewUndoParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<ReviewUndoResult>(host, Methods.ReviewUndo, request with { Host = null }, cancellationToken)
            : agentReview.UndoAsync(request, cancellationToken);
}
