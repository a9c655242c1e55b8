package cn.lianxin.infra.localstack;

import java.io.PrintStream;
import java.util.List;

/**
 * Command line entry point: {@code LocalStack up --data DIR [options]} (see {@link UpOptions#USAGE}).
 * Exit codes: 2 for usage errors and taken ports, 1 when a server fails, otherwise the signal's.
 */
public final class LocalStack {
    static final int EXIT_USAGE = 2;

    private LocalStack() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(UpOptions.USAGE);
            return 0;
        }
        if (args.isEmpty() || !args.get(0).equals("up")) {
            err.println(UpOptions.USAGE);
            return EXIT_USAGE;
        }
        UpOptions options;
        try {
            options = UpOptions.parse(args.subList(1, args.size()));
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println(UpOptions.USAGE);
            return EXIT_USAGE;
        }
        try {
            // Started as `java -cp <local-stack.classpath>`, our classpath is exactly what the Kafka child needs.
            return new StackRunner(options, System.getProperty("java.class.path"), out, err).run();
        } catch (PortInUseException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("ERROR: " + e);
            return 1;
        }
    }
}
