package cn.lianxin.infra.localstack;

/**
 * A port we were asked to start a server on is taken and {@code --reuse} was not given.
 * The message names the port, the service and both ways (env var for the scripts, option for
 * direct callers) to pick another one, because this is the most common failure on a dev machine.
 */
final class PortInUseException extends Exception {
    PortInUseException(ServiceKind kind, String role, int takenPort, int configuredPort) {
        super(message(kind, role, takenPort, configuredPort));
    }

    private static String message(ServiceKind kind, String role, int takenPort, int configuredPort) {
        // The Kafka controller uses port+1, so the suggestion must move the configured port past it.
        int suggestion = configuredPort + (takenPort == configuredPort ? 1 : 2);
        return "Port " + takenPort + " for " + role + " is already in use on " + Ports.LOOPBACK + ". "
                + "Stop what uses it or choose another port, e.g. " + kind.portEnvVar() + "=" + suggestion
                + " ./infra/run (option " + kind.portOption() + " " + suggestion + "), "
                + "or pass --reuse to use the server that is already running.";
    }
}
