namespace Maestro.Server.Git.Review;

/// <summary>One line of a hunk: ' ' context, '-' only in the index, '+' only in the working file; text with its terminator.</summary>
internal readonly record struct DiffLine(char Op, string Text);
