using HybridLfp.Streaming.Blocks.Interop.Hdf5;

namespace HybridLfp.Streaming.Blocks.Sinks.Hdf5;

/// <summary>
/// The HDF5 objects (files, groups, datasets) a writer opened, in opening order, closed together: children before
/// their files — libhdf5 keeps a file open while any object in it is — and every failure collected, so one bad close
/// does not leave the others open.
/// </summary>
internal sealed class Hdf5OwnedObjects
{
    private readonly List<IDisposable> _items = [];

    /// <summary>Registers <paramref name="item"/> (opened after everything registered so far) and returns it.</summary>
    public T Add<T>(T item)
        where T : IDisposable
    {
        _items.Add(item);
        return item;
    }

    /// <summary>Disposes everything in reverse opening order, adding failures to <paramref name="errors"/>.</summary>
    public void DisposeAll(ref List<Exception>? errors)
    {
        for (int i = _items.Count - 1; i >= 0; i--)
        {
            try
            {
                _items[i].Dispose();
            }
            catch (Exception e) when (e is Hdf5Exception or ObjectDisposedException)
            {
                (errors ??= []).Add(e);
            }
        }

        _items.Clear();
    }
}
