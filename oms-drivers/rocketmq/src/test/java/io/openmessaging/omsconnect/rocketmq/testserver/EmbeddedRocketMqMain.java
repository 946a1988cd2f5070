package io.openmessaging.omsconnect.rocketmq.testserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link EmbeddedRocketMq} as a child process, so that other modules' tests (the host's) run on a real
 * RocketMQ without RocketMQ on their classpath. They start it with this module's test classpath
 * ({@code target/test-classpath.txt} plus {@code target/test-classes}).
 *
 * <p>Arguments, all optional: {@code <store dir or -> <name server port> <broker port> <ha port> <queues>}
 * (0 = a free port; queues = queues of each auto-created topic, 0 = the broker's default). A given store
 * dir is kept at exit, so a new process on the same ports and store resumes where this one stopped.
 *
 * <p>Protocol: once the broker is registered it prints one line
 * {@code READY <name server host:port> <name server port> <broker port> <ha port>} on stdout. Each stdin
 * line {@code topic <name> <queues> [<group> …]} creates a topic, starts the groups at its beginning
 * ({@link EmbeddedRocketMq#startGroupAtTheBeginning}) and answers {@code OK <name>} once it is routed. When
 * stdin closes (the parent ended or let go), it shuts the broker down and exits.
 */
public final class EmbeddedRocketMqMain {
    /** The first word of the line that says the server is up. */
    public static final String READY = "READY";

    private EmbeddedRocketMqMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean ownStore = args.length < 1 || "-".equals(args[0]);
        Path store = ownStore ? Files.createTempDirectory("omsconnect-rocketmq-") : Path.of(args[0]);
        EmbeddedRocketMq.Ports ports = new EmbeddedRocketMq.Ports(intArg(args, 1), intArg(args, 2), intArg(args, 3));
        EmbeddedRocketMq mq;
        try {
            mq = EmbeddedRocketMq.start(store, ports, intArg(args, 4), ownStore);
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
            System.out.println("ERROR start failed: " + e);
            System.out.flush();
            // the broker's non-daemon threads would keep this JVM alive
            System.exit(1);
            return;
        }
        EmbeddedRocketMq.Ports actual = mq.ports();
        System.out.println(READY + " " + mq.nameServerAddress() + " " + actual.nameServer() + " " + actual.broker()
                + " " + actual.ha());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 3 && "topic".equals(words[0])) {
                    int queues = Integer.parseInt(words[2]);
                    mq.createTopic(words[1], queues);
                    for (int i = 3; i < words.length; i++) {
                        mq.startGroupAtTheBeginning(words[i], words[1], queues);
                    }
                    System.out.println("OK " + words[1]);
                } else {
                    System.out.println("ERROR unknown command: " + line);
                }
                System.out.flush();
            }
        } finally {
            mq.close();
        }
        // the broker leaves non-daemon threads behind
        System.exit(0);
    }

    private static int intArg(String[] args, int i) {
        return args.length > i ? Integer.parseInt(args[i]) : 0;
    }
}
