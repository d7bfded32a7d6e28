using System.Runtime.InteropServices;

namespace Zmq.Cli.Broker;

/// <summary>Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation, so a long-running command stops cleanly and exits 0.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts catching the signals; until disposed, they no longer end the process at once.</summary>
    public StopSignals()
    {
        _registrations = [Catch(PosixSignal.SIGINT), Catch(PosixSignal.SIGTERM)];
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Stops catching the signals.</summary>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
        _stop.Dispose();
    }

    private PosixSignalRegistration Catch(PosixSignal signal) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        });
}
