package dev.arrowtap.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Lets Arrow view its memory as {@code java.nio} buffers in a JVM started without {@code
 * --add-opens=java.base/java.nio=ALL-UNNAMED}, by opening {@code java.nio} to the module Arrow's
 * classes live in (the class loader that loaded this driver or server, nothing else).
 *
 * <p>Arrow's {@code MemoryUtil} makes a {@code ByteBuffer} over native memory with the private
 * constructor {@code DirectByteBuffer(long, int)}; without access to it, Arrow IPC, Flight's sender
 * and every {@code ArrowBuf.nioBuffer} fail. A driver jar is loaded by tools (sqlline, DBeaver, an
 * application server) whose JVM flags the user rarely controls, so the engine grants itself what
 * the flag would grant, before Arrow's {@code MemoryUtil} is first loaded; it must run before any
 * Arrow allocator is made. It does nothing when the flag was given, and when the JVM refuses it
 * leaves things as they were (the code paths arrowtap runs locally do not need the buffers).
 */
public final class ArrowMemoryAccess {
  private static final Logger LOG = Logger.getLogger("dev.arrowtap.exec");
  private static volatile boolean done;

  private ArrowMemoryAccess() {}

  /** Opens {@code java.nio} to Arrow's module once per class loader; true when it is open. */
  public static synchronized boolean ensure() {
    Module arrow = MemoryUtil.class.getModule(); // a class literal does not initialise the class
    Module base = Object.class.getModule();
    if (!done && !base.isOpen("java.nio", arrow)) {
      try {
        MethodHandle addOpens =
            trustedLookup()
                .findVirtual(
                    Module.class,
                    "implAddOpens",
                    MethodType.methodType(void.class, String.class, Module.class));
        addOpens.invokeExact(base, "java.nio", arrow);
      } catch (Throwable e) {
        if (LOG.isLoggable(Level.FINE)) {
          LOG.fine("java.nio stays closed to Arrow: " + e);
        }
      }
      done = true;
    }
    return base.isOpen("java.nio", arrow);
  }

  /**
   * The JDK's own full-privilege lookup, read through {@code sun.misc.Unsafe} (which the {@code
   * jdk.unsupported} module opens to everyone) by reflection, as Arrow reads {@code Unsafe} itself.
   */
  private static MethodHandles.Lookup trustedLookup() throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
    Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    Object unsafe = theUnsafe.get(null);
    Field implLookup = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
    Method staticFieldBase = unsafeClass.getMethod("staticFieldBase", Field.class);
    Method staticFieldOffset = unsafeClass.getMethod("staticFieldOffset", Field.class);
    Method getObject = unsafeClass.getMethod("getObject", Object.class, long.class);
    Object holder = staticFieldBase.invoke(unsafe, implLookup);
    Object offset = staticFieldOffset.invoke(unsafe, implLookup);
    return (MethodHandles.Lookup) getObject.invoke(unsafe, holder, offset);
  }
}
