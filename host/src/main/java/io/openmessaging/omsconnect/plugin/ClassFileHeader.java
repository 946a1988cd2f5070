package io.openmessaging.omsconnect.plugin;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The head of a class file (JVMS §4.1): access flags, name, super class and interfaces, read without
 * loading the class. Only the constant pool is walked; fields, methods and attributes are never read.
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

    /** @throws IOException when the bytes are not a class file */
    static ClassFileHeader read(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("Not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.skipNBytes(2);   // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3);              // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {                            // Long, Double take two slots
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("Bad constant pool tag " + tag + " at " + i);
            }
        }
        int access = in.readUnsignedShort();
        String name = className(utf8, classNameIndex, in.readUnsignedShort());
        String superName = className(utf8, classNameIndex, in.readUnsignedShort());
        int interfaceCount = in.readUnsignedShort();
        String[] interfaces = new String[interfaceCount];
        for (int i = 0; i < interfaceCount; i++) {
            interfaces[i] = className(utf8, classNameIndex, in.readUnsignedShort());
        }
        return new ClassFileHeader(access, name, superName, List.of(interfaces));
    }

    private static String className(String[] utf8, int[] classNameIndex, int classIndex) throws IOException {
        if (classIndex == 0) {
            return null;
        }
        if (classIndex >= classNameIndex.length || utf8[classNameIndex[classIndex]] == null) {
            throw new IOException("Bad class reference " + classIndex);
        }
        return utf8[classNameIndex[classIndex]].replace('/', '.');
    }
}
