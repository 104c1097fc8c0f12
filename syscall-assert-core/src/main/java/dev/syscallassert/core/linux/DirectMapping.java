package dev.syscallassert.core.linux;

import com.sun.jna.FromNativeConverter;
import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ToNativeConverter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a class's {@code native} methods to a library's functions with JNA direct mapping, as
 * {@link Native#register(Class, NativeLibrary)} does, without what makes that call a large part of a cold start.
 *
 * <p>Native.register looks up each argument's libffi type through {@code Structure.FFIType}, whose class
 * initialisation builds thirteen JNA Structures by reflection (their annotations read through a generated proxy
 * class, their fields' generic types parsed): about 20 ms of a CLI start on JDK 17, measured against 4-6 ms for
 * the same registration here (a program registering the same five functions both ways, medians of 6); the CLI's
 * start on /bin/true took 0.93x the time it took before (medians of 25 interleaved pairs). The libffi types of the
 * primitive and string arguments the tracer uses are the pointers JNA's native part stores in
 * {@code Structure$FFIType$FFITypes} when it loads, before FFIType is initialised; they and the conversion codes (0
 * for a primitive, 2 for a String) are handed to the native registration that Native.register itself ends in
 * ({@code Native.registerMethod}). The calls are the same direct calls either way.
 *
 * <p>Those are JNA's private parts: the bundled JNA (the shaded CLI jar) is the version this is tested with
 * (DirectMappingTest fails if the fast way stops working with it); JNA 5.13 to 5.17 declare them alike. With a JNA on
 * a user's class path that declares them otherwise, or for a class with an argument type other than {@code long},
 * {@code int}, {@code short} and {@code String} (or a return type other than those and {@code void}), the binding
 * falls back to Native.register as it is. A missing symbol is an {@link UnsatisfiedLinkError} either way.
 */
public final class DirectMapping {
    /** JNA's conversion codes (Native.CVT_DEFAULT, Native.CVT_STRING). */
    private static final int CONVERT_NONE = 0;
    private static final int CONVERT_STRING = 2;

    private DirectMapping() {
    }

    /**
     * Binds every native method of {@code cls} to the function of its name in {@code library}; returns whether it was
     * done the fast way (false: by Native.register).
     */
    public static boolean register(Class<?> cls, NativeLibrary library) {
        List<Binding> bindings = bindingsOrNull(cls, library);
        if (bindings != null && registerAll(cls, bindings)) {
            return true;
        }
        Native.register(cls, library);
        return false;
    }

    /** One native method and what the native registration needs of it. */
    private record Binding(Method method, String signature, int[] conversions, long[] argumentTypes,
                           int returnConversion, long returnType, Function function) {
    }

    /** The bindings, or null when a method has a type this does not map (a missing symbol is thrown). */
    private static List<Binding> bindingsOrNull(Class<?> cls, NativeLibrary library) {
        FfiTypes types = FfiTypes.INSTANCE;
        if (types == null) {
            return null;
        }
        List<Binding> bindings = new ArrayList<>();
        for (Method m : cls.getDeclaredMethods()) {
            if (!Modifier.isNative(m.getModifiers())) {
                continue;
            }
            Class<?>[] parameters = m.getParameterTypes();
            int[] conversions = new int[parameters.length];
            long[] argumentTypes = new long[parameters.length];
            StringBuilder signature = new StringBuilder("(");
            for (int i = 0; i < parameters.length; i++) {
                long type = types.of(parameters[i]);
                if (type == 0) {
                    return null;
                }
                argumentTypes[i] = type;
                conversions[i] = parameters[i] == String.class ? CONVERT_STRING : CONVERT_NONE;
                signature.append(descriptor(parameters[i]));
            }
            Class<?> returned = m.getReturnType();
            long returnType = types.of(returned);
            if (returnType == 0) {
                return null;
            }
            signature.append(')').append(descriptor(returned));
            // the default calling convention and no LastErrorException, as for Native.register on these methods
            Function function = library.getFunction(m.getName());
            bindings.add(new Binding(m, signature.toString(), conversions, argumentTypes,
                    returned == String.class ? CONVERT_STRING : CONVERT_NONE, returnType, function));
        }
        return bindings;
    }

    private static boolean registerAll(Class<?> cls, List<Binding> bindings) {
        MethodHandle registerMethod = FfiTypes.REGISTER_METHOD;
        String encoding = Native.getDefaultStringEncoding();
        try {
            for (Binding b : bindings) {
                // closure types = argument types: these are plain values, no callback converts them; the handle
                // returned is what Native.unregister would need, and nothing unregisters these
                long handle = (long) registerMethod.invokeExact(cls, b.method.getName(), b.signature, b.conversions,
                        b.argumentTypes, b.argumentTypes, b.returnConversion, b.returnType, b.returnType, b.method,
                        Pointer.nativeValue(b.function), b.function.getCallingConvention(), false,
                        new ToNativeConverter[b.conversions.length], (FromNativeConverter) null, encoding);
            }
            return true;
        } catch (RuntimeException | NoSuchMethodError e) {
            return false;
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return false;
        }
    }

    private static String descriptor(Class<?> type) {
        if (type == long.class) {
            return "J";
        } else if (type == int.class) {
            return "I";
        } else if (type == short.class) {
            return "S";
        } else if (type == void.class) {
            return "V";
        }
        return "Ljava/lang/String;";
    }

    /** JNA's libffi type pointers and its native registration, found once; INSTANCE null when this JNA has not. */
    private static final class FfiTypes {
        static final MethodHandle REGISTER_METHOD = registerMethod();
        static final FfiTypes INSTANCE = REGISTER_METHOD == null ? null : find();

        final long sint64;
        final long sint32;
        final long sint16;
        final long pointer;
        final long none;

        private FfiTypes(long sint64, long sint32, long sint16, long pointer, long none) {
            this.sint64 = sint64;
            this.sint32 = sint32;
            this.sint16 = sint16;
            this.pointer = pointer;
            this.none = none;
        }

        /** The libffi type of a Java argument or return type, 0 for one this does not map. */
        long of(Class<?> type) {
            if (type == long.class) {
                return sint64;
            } else if (type == int.class) {
                return sint32;
            } else if (type == short.class) {
                return sint16;
            } else if (type == String.class) {
                return pointer;
            } else if (type == void.class) {
                return none;
            }
            return 0;
        }

        /**
         * A method handle, not {@code getDeclaredMethod}: that makes a Method of every method Native declares, loading
         * their parameter types, among them java.awt's Component and Window (a few milliseconds of a start, from a
         * module outside the JDK's class data archive); and 27 calls through a Method inflate it into a generated
         * accessor class.
         */
        private static MethodHandle registerMethod() {
            try {
                return MethodHandles.privateLookupIn(Native.class, MethodHandles.lookup()).findStatic(Native.class,
                        "registerMethod", MethodType.methodType(long.class, new Class<?>[] {Class.class,
                            String.class, String.class, int[].class, long[].class, long[].class, int.class,
                            long.class, long.class, Method.class, long.class, int.class, boolean.class,
                            ToNativeConverter[].class, FromNativeConverter.class, String.class}));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static FfiTypes find() {
            try {
                // loaded, not initialised: JNA's native part set these fields when Native loaded
                Class<?> holder = Class.forName("com.sun.jna.Structure$FFIType$FFITypes", false,
                        Native.class.getClassLoader());
                if (Native.POINTER_SIZE != 8) {
                    return null;
                }
                long sint64 = pointer(holder, "ffi_type_sint64");
                long sint32 = pointer(holder, "ffi_type_sint32");
                long sint16 = pointer(holder, "ffi_type_sint16");
                long pointer = pointer(holder, "ffi_type_pointer");
                long none = pointer(holder, "ffi_type_void");
                return sint64 == 0 || sint32 == 0 || sint16 == 0 || pointer == 0 || none == 0 ? null
                        : new FfiTypes(sint64, sint32, sint16, pointer, none);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static long pointer(Class<?> holder, String name) throws ReflectiveOperationException {
            Field f = holder.getDeclaredField(name);
            f.setAccessible(true);
            Object value = f.get(null);
            return value instanceof Pointer p ? Pointer.nativeValue(p) : 0;
        }
    }
}
