using System.Buffers.Binary;
using System.Text;

namespace HybridLfp.Streaming.Blocks.Distributed;

/// <summary>
/// The fault agreement every rank runs at the same point (per window, and after building cells): one all-reduce
/// of "did I fail" and, if any rank failed, a broadcast of the lowest failing rank's message. Afterwards every
/// rank knows the same (rank, message) and can stop together: nobody is left waiting in a later collective.
/// </summary>
public static class DistributedFaults
{
    /// <summary>
    /// Collective. <paramref name="localFailure"/> is this rank's error message, or null. Returns null when no rank
    /// failed, else the lowest failing rank and its message (identical on every rank).
    /// </summary>
    public static (int Rank, string Message)? Agree(IDistributedContext context, string? localFailure)
    {
        // max over ranks of (size − rank) for failing ranks = the lowest failing rank.
        var flag = context.AllReduceMax(localFailure is null ? 0 : context.Size - context.Rank);
        return flag == 0 ? null : ShareMessage(context, localFailure, flag);
    }

    /// <summary>
    /// As <see cref="Agree(IDistributedContext, string?)"/>, and in the same all-reduce the maximum over ranks of
    /// <paramref name="value"/> (meaningful when nobody failed), so the graph's window exchange needs one collective.
    /// </summary>
    public static (int Rank, string Message)? Agree(IDistributedContext context, string? localFailure, long value, out long maxValue)
    {
        Span<long> values = [localFailure is null ? 0 : context.Size - context.Rank, value];
        context.AllReduceMax(values);
        maxValue = values[1];
        return values[0] == 0 ? null : ShareMessage(context, localFailure, values[0]);
    }

    private static (int Rank, string Message) ShareMessage(IDistributedContext context, string? localFailure, long flag)
    {

        var failing = (int)(context.Size - flag);
        var bytes = failing == context.Rank ? Encoding.UTF8.GetBytes(localFailure!) : [];
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        context.Broadcast(length, failing);
        if (failing != context.Rank)
        {
            bytes = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
        }

        context.Broadcast(bytes, failing);
        return (failing, Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Collective: throws <see cref="DistributedFaultException"/> on every rank if any rank failed.</summary>
    public static void ThrowIfAnyFailed(IDistributedContext context, Exception? localFailure)
    {
        if (Agree(context, localFailure?.Message) is { } agreed)
        {
            throw new DistributedFaultException(agreed.Rank, agreed.Message, agreed.Rank == context.Rank ? localFailure : null);
        }
    }
}
