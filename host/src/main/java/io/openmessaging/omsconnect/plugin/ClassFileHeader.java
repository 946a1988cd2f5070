package io.openmessaging.omsconnect.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The head of a class file (JVMS §4.1): access flags, name, super class and interfaces, read without
 * loading the class. The constant pool is walked by offsets and only the few UTF-8 constants naming
 * classes are decoded; fields, methods and attributes are never looked at. This is the hot loop of a
 * plugin scan (a RocketMQ driver has ~20k classes), hence the byte-array parsing.
 *
 * @param name       binary name with dots, e.g. {@code a.b.C$D}
 * @param superName  null for {@code java.lang.Object} and module-info
 * @param interfaces directly implemented interfaces
 */
record ClassFileHeader(int access, String name, String superName, List<String> interfaces) {

    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_INTERFACE = 0x0200;
    static final int ACC_ABSTRACT = 0x0400;

    boolean isConcretePublicClass() {
        return (access & ACC_PUBLIC) != 0 && (access & (ACC_INTERFACE | ACC_ABSTRACT)) == 0;
    }

    /** @throws IOException when the bytes are not a well-formed class file head */
    static ClassFileHeader read(byte[] b) throws IOException {
        try {
            if (u4(b, 0) != 0xCAFEBABE) {
                throw new IOException("Not a class file");
            }
            int count = u2(b, 8);
            int[] offsets = new int[count]; // of each constant's first byte after its tag
            int pos = 10;
            for (int i = 1; i < count; i++) {
                int tag = b[pos] & 0xFF;
                offsets[i] = pos + 1;
                pos += 1 + switch (tag) {
                    case 1 -> 2 + u2(b, pos + 1);              // Utf8
                    case 7, 8, 16, 19, 20 -> 2;                // Class, String, MethodType, Module, Package
                    case 15 -> 3;                              // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> 4;
                    case 5, 6 -> 8;                            // Long, Double take two slots
                    default -> throw new IOException("Bad constant pool tag " + tag + " at " + i);
                };
                if (tag == 5 || tag == 6) {
                    i++;
                }
            }
            int access = u2(b, pos);
            String name = className(b, offsets, u2(b, pos + 2));
            String superName = className(b, offsets, u2(b, pos + 4));
            int interfaceCount = u2(b, pos + 6);
            String[] interfaces = new String[interfaceCount];
            for (int i = 0; i < interfaceCount; i++) {
                interfaces[i] = className(b, offsets, u2(b, pos + 8 + 2 * i));
            }
            return new ClassFileHeader(access, name, superName, List.of(interfaces));
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IOException("Truncated class file", e);
        }
    }

    private static String className(byte[] b, int[] offsets, int classIndex) throws IOException {
        if (classIndex == 0) {
            return null;
        }
        if (classIndex >= offsets.length) {
            throw new IOException("Bad class reference " + classIndex);
        }
        int utf8 = offsets[u2(b, offsets[classIndex])];
        int length = u2(b, utf8);
        // class names are ASCII in practice; modified UTF-8 only differs for NUL and supplementary chars
        return new String(b, utf8 + 2, length, StandardCharsets.UTF_8).replace('/', '.');
    }

    private static int u2(byte[] b, int pos) {
        return ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
    }

    private static int u4(byte[] b, int pos) {
        return (u2(b, pos) << 16) | u2(b, pos + 2);
    }
}
