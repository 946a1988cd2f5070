package io.openmessaging.omsconnect.plugin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassFileHeaderTest {

    @Test
    void readsWhatReflectionSaysForJdkClasses() throws IOException {
        for (Class<?> type : List.of(String.class, HashMap.class, Map.Entry.class, java.util.AbstractList.class,
                java.util.concurrent.ConcurrentHashMap.class, Object.class)) {
            ClassFileHeader header = ClassFileHeader.read(bytesOf(type));
            assertEquals(type.getName(), header.name());
            // an interface's class file names Object as its super class; reflection says null
            String superName = type.isInterface() ? "java.lang.Object"
                    : type.getSuperclass() == null ? null : type.getSuperclass().getName();
            assertEquals(superName, header.superName());
            assertEquals(Arrays.stream(type.getInterfaces()).map(Class::getName).toList(), header.interfaces());
            assertEquals(type.getModifiers() & 0x0601, header.access() & 0x0601, type.getName());
        }
    }

    @Test
    void longAndDoubleConstantsTakeTwoSlots() throws IOException {
        Map<String, byte[]> classes = TestPlugins.compile(Map.of("com.acme.c.Constants",
                "package com.acme.c; public abstract class Constants implements Runnable, java.io.Serializable {"
                        + " static long L = 1234567890123L; static double D = 3.25e300; static String S = \"s\"; }"));
        ClassFileHeader header = ClassFileHeader.read(classes.get("com/acme/c/Constants.class"));
        assertEquals("com.acme.c.Constants", header.name());
        assertEquals("java.lang.Object", header.superName());
        assertEquals(List.of("java.lang.Runnable", "java.io.Serializable"), header.interfaces());
        assertFalse(header.isConcretePublicClass());
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IOException.class, () -> ClassFileHeader.read("not a class".getBytes()));
        assertThrows(IOException.class, () -> ClassFileHeader.read(new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 9, 1}));
    }

    @Test
    void concretePublicClassesAreTold() throws IOException {
        assertTrue(ClassFileHeader.read(bytesOf(HashMap.class)).isConcretePublicClass());
        assertFalse(ClassFileHeader.read(bytesOf(Map.class)).isConcretePublicClass());
    }

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
