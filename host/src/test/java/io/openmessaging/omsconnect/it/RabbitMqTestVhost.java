package io.openmessaging.omsconnect.it;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The RabbitMQ virtual host the tests of one JVM keep their topics in: made with {@code rabbitmqctl} on first use and
 * deleted, with every stream, queue and exchange in it, when the JVM ends. The tests' topics have new names every
 * run; left on the machine's broker, each stream keeps a writer process and open files, and after enough runs the
 * broker runs out of file handles and answers every new declaration with 541 INTERNAL_ERROR (seen in CI). A virtual
 * host left by a run that was killed (its JVM gone) is deleted by the next run.
 *
 * <p>Where {@code rabbitmqctl} cannot manage the broker (a remote one, or no rights), the tests use the default
 * virtual host and say that their topics stay there.
 */
public final class RabbitMqTestVhost {
    private static final String PREFIX = "omsconnect-it-";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static String name;

    private RabbitMqTestVhost() {
    }

    /** The virtual host for this JVM's tests, as the driver URL's path names it ({@code default} is {@code /}). */
    public static synchronized String name() {
        if (name == null) {
            name = make().orElseGet(() -> {
                System.out.println("rabbitmqctl cannot make a virtual host for the tests: they use the default one, "
                        + "and the topics they make stay on the broker");
                return "default";
            });
        }
        return name;
    }

    private static Optional<String> make() {
        try {
            deleteLeftovers();
            String vhost = PREFIX + ProcessHandle.current().pid() + "-" + Long.toHexString(System.currentTimeMillis());
            if (!rabbitmqctl("add_vhost", vhost).ok()
                    || !rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*").ok()) {
                return Optional.empty();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(vhost), "rabbitmq-test-vhost-delete"));
            return Optional.of(vhost);
        } catch (IOException e) {
            return Optional.empty(); // no rabbitmqctl on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Deletes the virtual hosts of test JVMs that are gone (killed before their shutdown hook ran). */
    private static void deleteLeftovers() throws IOException, InterruptedException {
        LocalCommand.Result vhosts = rabbitmqctl("-q", "list_vhosts", "name");
        if (!vhosts.ok()) {
            return;
        }
        for (String line : vhosts.output().split("\n")) {
            String vhost = line.trim();
            if (vhost.startsWith(PREFIX) && !alive(vhost)) {
                delete(vhost);
            }
        }
    }

    /** Whether the JVM whose pid the name carries ({@code omsconnect-it-<pid>-<time>}) still runs. */
    private static boolean alive(String vhost) {
        String[] parts = vhost.substring(PREFIX.length()).split("-");
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not one of ours after all: leave it
        }
    }

    private static void delete(String vhost) {
        try {
            LocalCommand.Result r = rabbitmqctl("delete_vhost", vhost);
            if (!r.ok()) {
                System.out.println("could not delete the test virtual host " + vhost + ": " + r.output());
            }
        } catch (IOException e) {
            System.out.println("could not delete the test virtual host " + vhost + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LocalCommand.Result rabbitmqctl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        return LocalCommand.run(COMMAND_TIMEOUT, command);
    }
}
