package io.openmessaging.omsconnect.it;

import io.openmessaging.KeyValue;
import io.openmessaging.Message;
import io.openmessaging.MessagingAccessPoint;
import io.openmessaging.OMSBuiltinKeys;
import io.openmessaging.consumer.PullConsumer;
import io.openmessaging.internal.DefaultKeyValue;
import io.openmessaging.omsconnect.convert.RecordMessageCodec;
import io.openmessaging.omsconnect.driver.PluginDriverRegistry;
import io.openmessaging.omsconnect.plugin.Pf4jPluginHost;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A consumer of one group in a process of its own, loaded the way the worker loads a driver, for the
 * conformance suite's across-process test. It writes each message's body as a line to its output file,
 * flushed, then acks it, until it is killed; a line {@code started} comes first once it has attached.
 * Arguments: plugins folder, driver URL, queue, group, output file.
 */
public final class GroupConsumerProcess {
    private GroupConsumerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Pf4jPluginHost plugins = new Pf4jPluginHost(Path.of(args[0]));
        plugins.start();
        MessagingAccessPoint ap = new PluginDriverRegistry(plugins).acquire(args[1]);
        PullConsumer consumer = ap.createPullConsumer(new DefaultKeyValue().put(OMSBuiltinKeys.CONSUMER_ID, args[3]));
        consumer.attachQueue(args[2]);
        consumer.startup();
        KeyValue timeout = new DefaultKeyValue().put(Message.BuiltinKeys.TIMEOUT, 200);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[4]), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write("started\n");
            out.flush();
            while (true) {
                Message m = consumer.receive(timeout);
                if (m != null) {
                    out.write(new String(m.getBody(byte[].class), StandardCharsets.UTF_8) + "\n");
                    out.flush();
                    consumer.ack(RecordMessageCodec.ackHandle(m));
                }
            }
        }
    }

    /** Starts one in a child JVM; its output (and errors) go to {@code log}. */
    static Process start(Path pluginsDir, String url, String queue, String group, Path received, Path log)
            throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", cp, GroupConsumerProcess.class.getName(), pluginsDir.toString(), url,
                queue, group, received.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }
}
