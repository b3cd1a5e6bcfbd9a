using Maestro.Protocol;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Git.Review;

/// <summary><c>review/changes</c>, <c>review/accept</c>, <c>review/reject</c>.</summary>
public sealed class ReviewRpcHandlers : IRpcHandlers
{
    private readonly ReviewService review;

    public ReviewRpcHandlers(ReviewService review)
    {
        this.review = review;
    }

    [JsonRpcMethod(Methods.ReviewChanges)]
    public Task<ReviewChangesResult> ChangesAsync(ReviewChangesParams request, CancellationToken cancellationToken)
        => review.ChangesAsync(request.Cwd, request.Paths, watch: true, cancellationToken);

    [JsonRpcMethod(Methods.ReviewAccept)]
    public async Task<ReviewAcceptResult> AcceptAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => new() { Accepted = await review.AcceptAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) };

    [JsonRpcMethod(Methods.ReviewReject)]
    public async Task<ReviewRejectResult> RejectAsync(ReviewSelectionParams request, CancellationToken cancellationToken)
        => new() { Rejected = await review.RejectAsync(request.Cwd, request.HunkIds, request.Paths, cancellationToken) };
}
