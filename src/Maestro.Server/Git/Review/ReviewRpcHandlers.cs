using Maestro.Protocol;
using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git.Review;

/// <summary>
/// <c>review/changes</c>, <c>review/accept</c>, <c>review/reject</c>, <c>review/undo</c> against the agents' baselines
/// (<see cref="AgentReviewService"/>), or against git's index when a client asks for <c>baseline: "index"</c>
/// (<see cref="ReviewService"/>); <c>review/stage</c> always stages into the index.
/// </summary>
public sealed class ReviewRpcHandlers : IRpcHandlers
{
    private readonly ReviewService review;
    private readonly AgentReviewService agentReview;

    public ReviewRpcHandlers(ReviewService review, AgentReviewService agentReview)
    {
        this.review = review;
        this.agentReview = agentReview;
    }

    [JsonRpcMethod(Methods.ReviewChanges)]
    public Task<ReviewChangesResult> ChangesAsync(ReviewChangesParams request, CancellationToken cancellationToken)
        => request.Baseline == ReviewBaseline.Index
            ? review.ChangesAsync(request.Cwd, request.Paths, watch: true, cancellationToken)
            : agentReview.ChangesAsync(request, watch: true, cancellationToken);

    [JsonRpcMethod(Methods.ReviewAccept)]
    public async Task<ReviewAcceptResult> AcceptAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => request.Baseline == ReviewBaseline.Index
            ? new() { Accepted = await review.AcceptAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) }
            : await agentReview.AcceptAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.ReviewReject)]
    public async Task<ReviewRejectResult> RejectAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => request.Baseline == ReviewBaseline.Index
            ? new() { Rejected = await review.RejectAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) }
            : await agentReview.RejectAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.ReviewStage)]
    public async Task<ReviewStageResult> StageAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => new() { Staged = await review.AcceptAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) };

    [JsonRpcMethod(Methods.ReviewUndo)]
    public Task<ReviewUndoResult> UndoAsync(ReviewUndoParams request, CancellationToken cancellationToken)
        => agentReview.UndoAsync(request, cancellationToken);
}
