package io.openmessaging.omsconnect.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the classes of a plugin that may be components, without loading anything: from
 * {@code META-INF/services} files when the plugin has any for our component types (the fast path,
 * as {@link java.util.ServiceLoader} would), else by reading every class file's header and following
 * super classes and interfaces across the plugin's classes. OMS drivers are found by the 0.3.1 naming
 * rule ({@code io/openmessaging/<x>/MessagingAccessPointImpl.class}) and pf4j's {@code extensions.idx}.
 * The result is only a list of candidates: {@link ComponentVerifier} loads and checks them.
 *
 * <p>Nothing is cached here: headers of a big driver weigh megabytes. {@link ZipExtractions} keeps the
 * candidates of zip plugins (the big ones) across restarts instead.
 */
final class ComponentScanner {

    /** A class that looks like a component. {@code driverName} is known only for naming-rule drivers. */
    record Candidate(String className, ComponentType type, String driverName) {
    }

    static final String OMS_DRIVER = "io.openmessaging.omsconnect.api.OmsDriver";
    static final Map<String, ComponentType> TARGETS = Map.of(
            "io.openmessaging.connector.api.component.task.source.SourceConnector", ComponentType.SOURCE,
            "io.openmessaging.connector.api.component.task.sink.SinkConnector", ComponentType.SINK,
            "io.openmessaging.connector.api.component.Transform", ComponentType.TRANSFORM,
            "io.openmessaging.connector.api.data.RecordConverter", ComponentType.CONVERTER,
            "io.openmessaging.omsconnect.api.Predicate", ComponentType.PREDICATE,
            OMS_DRIVER, ComponentType.DRIVER);

    private static final Pattern DRIVER_RULE = Pattern.compile("io/openmessaging/([A-Za-z_$][A-Za-z0-9_$]*)/MessagingAccessPointImpl\\.class");
    private static final String SERVICES = "META-INF/services/";
    private static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    /** What one classpath entry holds that matters for discovery. */
    private record EntryContents(List<ClassFileHeader> headers, List<Candidate> services,
                                 List<Candidate> extensions, List<Candidate> namedDrivers) {
    }

    List<Candidate> scan(List<URL> classpath) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (URL url : classpath) {
            entries.add(toPath(url));
        }
        // first only the small declarative entries: when services files exist, no class is inflated
        List<EntryContents> declared = new ArrayList<>();
        for (Path entry : entries) {
            declared.add(read(entry, false));
        }
        Map<String, Candidate> found = new LinkedHashMap<>();
        declared.forEach(c -> c.namedDrivers().forEach(d -> add(found, d)));
        declared.forEach(c -> c.extensions().forEach(d -> add(found, d)));
        List<Candidate> services = declared.stream().flatMap(c -> c.services().stream()).toList();
        if (!services.isEmpty()) {
            services.forEach(c -> add(found, c));
            return sorted(found);
        }
        Map<String, ClassFileHeader> byName = new HashMap<>();
        for (Path entry : entries) {
            read(entry, true).headers().forEach(h -> byName.putIfAbsent(h.name(), h));
        }
        SuperTypes superTypes = new SuperTypes(byName);
        for (ClassFileHeader header : byName.values()) {
            if (header.isConcretePublicClass()) {
                for (ComponentType type : superTypes.targetsOf(header.name())) {
                    add(found, new Candidate(header.name(), type, null));
                }
            }
        }
        return sorted(found);
    }

    private static void add(Map<String, Candidate> found, Candidate candidate) {
        found.putIfAbsent(candidate.type() + ":" + candidate.className(), candidate);
    }

    /** In a stable order, so that listings and "first offered" choices do not vary between starts. */
    private static List<Candidate> sorted(Map<String, Candidate> found) {
        return found.values().stream()
                .sorted(java.util.Comparator.comparing(Candidate::className).thenComparing(Candidate::type))
                .toList();
    }

    private static EntryContents read(Path entry, boolean headers) throws IOException {
        return Files.isDirectory(entry) ? readFolder(entry, headers) : readJar(entry, headers);
    }

    private static EntryContents readJar(Path jar, boolean headers) throws IOException {
        Collector collector = new Collector(headers);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && collector.noteName(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        collector.accept(entry.getName(), in);
                    }
                }
            }
        }
        return collector.contents();
    }

    private static EntryContents readFolder(Path folder, boolean headers) throws IOException {
        Collector collector = new Collector(headers);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString().replace('\\', '/');
                if (collector.noteName(name)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        collector.accept(name, in);
                    }
                }
            }
        }
        return collector.contents();
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Not a file URL: " + url, e);
        }
    }

    /** Sorts the entries of one jar or folder into headers, declared services and naming-rule drivers. */
    private static final class Collector {
        private final boolean withHeaders;
        private final List<ClassFileHeader> headers = new ArrayList<>();
        private final List<Candidate> services = new ArrayList<>();
        private final List<Candidate> extensions = new ArrayList<>();
        private final List<Candidate> namedDrivers = new ArrayList<>();

        Collector(boolean withHeaders) {
            this.withHeaders = withHeaders;
        }

        /** Notes what an entry's name alone tells (naming-rule drivers); true when the entry must be read. */
        boolean noteName(String name) {
            if (withHeaders) {
                return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
            }
            if (DRIVER_RULE.matcher(name).matches()) {
                namedDrivers.add(namingRuleDriver(name)); // known from the name alone: nothing to read
            }
            return name.equals(EXTENSIONS_INDEX)
                    || (name.startsWith(SERVICES) && TARGETS.containsKey(name.substring(SERVICES.length())));
        }

        private static Candidate namingRuleDriver(String name) {
            Matcher driver = DRIVER_RULE.matcher(name);
            driver.matches();
            return new Candidate(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                    ComponentType.DRIVER, driver.group(1));
        }

        void accept(String name, InputStream in) throws IOException {
            if (name.equals(EXTENSIONS_INDEX)) {
                listedClasses(in).forEach(c -> extensions.add(new Candidate(c, ComponentType.DRIVER, null)));
            } else if (name.startsWith(SERVICES)) {
                ComponentType type = TARGETS.get(name.substring(SERVICES.length()));
                listedClasses(in).forEach(c -> services.add(new Candidate(c, type, null)));
            } else {
                ClassFileHeader header;
                try {
                    header = ClassFileHeader.read(in.readAllBytes());
                } catch (IOException e) {
                    return; // a broken or exotic class file can't be a component we could load anyway
                }
                // a class extending Object with no interfaces reaches no target, nor do its subclasses through it
                if (!(header.interfaces().isEmpty() && "java.lang.Object".equals(header.superName()))) {
                    headers.add(header);
                }
            }
        }

        EntryContents contents() {
            return new EntryContents(List.copyOf(headers), List.copyOf(services), List.copyOf(extensions), List.copyOf(namedDrivers));
        }

        private static List<String> listedClasses(InputStream in) throws IOException {
            List<String> names = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    /** Which component types a class reaches through its super classes and interfaces, memoized. */
    private static final class SuperTypes {
        private final Map<String, ClassFileHeader> byName;
        private final Map<String, Set<ComponentType>> memo = new HashMap<>();

        SuperTypes(Map<String, ClassFileHeader> byName) {
            this.byName = byName;
        }

        Set<ComponentType> targetsOf(String className) {
            Set<ComponentType> known = memo.get(className);
            if (known != null) {
                return known;
            }
            memo.put(className, Set.of()); // cycle guard for malformed hierarchies
            Set<ComponentType> result = java.util.EnumSet.noneOf(ComponentType.class);
            ComponentType direct = TARGETS.get(className);
            if (direct != null) {
                result.add(direct);
            }
            ClassFileHeader header = byName.get(className);
            if (header != null) {
                if (header.superName() != null) {
                    result.addAll(targetsOf(header.superName()));
                }
                header.interfaces().forEach(i -> result.addAll(targetsOf(i)));
            }
            Set<ComponentType> frozen = result.isEmpty() ? Set.of() : Set.copyOf(result);
            memo.put(className, frozen);
            return frozen;
        }
    }
}
