package io.openmessaging.omsconnect.transforms;

import io.openmessaging.connector.api.component.Transform;
import io.openmessaging.omsconnect.api.Aliases;
import io.openmessaging.omsconnect.api.Predicate;
import io.openmessaging.omsconnect.api.config.ConfigDeclaring;
import io.openmessaging.omsconnect.api.config.ConfigKey;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host finds our components in the META-INF/services files only: each must list every component, each
 * one constructible as the host constructs it and aliased by the Kafka class it stands in for.
 */
class ServicesFileTest {
    private static final String PACKAGE = "io.openmessaging.omsconnect.transforms.";
    private static final String KAFKA_PACKAGE = "org.apache.kafka.connect.transforms.";

    @Test
    void everyTransformIsListedAndAliasedByItsKafkaName() throws Exception {
        Set<String> listed = listed(Transform.class);

        assertEquals(components(Transform.class), listed);
        assertEquals(26, listed.size());
        for (String name : listed) {
            Class<?> type = checkedComponent(name, Transform.class);
            assertEquals(List.of(KAFKA_PACKAGE + name.substring(PACKAGE.length())),
                    List.of(type.getAnnotation(Aliases.class).value()), name);
        }
    }

    @Test
    void everyPredicateIsListedAndAliasedByItsKafkaName() throws Exception {
        Set<String> listed = listed(Predicate.class);

        assertEquals(components(Predicate.class), listed);
        assertEquals(3, listed.size());
        for (String name : listed) {
            Class<?> type = checkedComponent(name, Predicate.class);
            assertEquals(List.of(KAFKA_PACKAGE + name.substring(PACKAGE.length())),
                    List.of(type.getAnnotation(Aliases.class).value()), name);
        }
    }

    @Test
    void everyDeclaredKeyIsDocumentedAndGrouped() throws Exception {
        for (Class<?> service : List.of(Transform.class, Predicate.class)) {
            for (String name : listed(service)) {
                ConfigDeclaring component = (ConfigDeclaring) Class.forName(name).getConstructor().newInstance();
                for (ConfigKey key : component.config().keys()) {
                    assertTrue(!key.documentation().isBlank() && key.group() != null, name + " " + key.name());
                }
            }
        }
    }

    private static Class<?> checkedComponent(String name, Class<?> service) throws Exception {
        Class<?> type = Class.forName(name);
        assertTrue(service.isAssignableFrom(type) && ConfigDeclaring.class.isAssignableFrom(type), name);
        assertTrue(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()), name);
        assertNotNull(type.getConstructor().newInstance(), name);
        assertNotNull(type.getAnnotation(Aliases.class), name);
        return type;
    }

    private static Set<String> listed(Class<?> service) throws IOException {
        try (InputStream in = ServicesFileTest.class.getClassLoader().getResourceAsStream("META-INF/services/" + service.getName())) {
            assertNotNull(in, service.getName());
            Set<String> names = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> assertTrue(names.add(l), "listed twice: " + l));
            return names;
        }
    }

    /** The public concrete implementations of {@code service} among the module's compiled classes. */
    private static Set<String> components(Class<?> service) throws IOException, URISyntaxException {
        Path classes = Path.of(InsertField.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(ServicesFileTest::load)
                    .filter(c -> service.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                            && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface())
                    .map(Class::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ServicesFileTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
