package dev.shadowdev.driver.cgroup;

import dev.shadowdev.abi.Errno;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ABI.md 7: the rules of a bound path, each refusal with its errno and reason. */
class CgroupPathsTest
{
    @Test
    void acceptsAbsolutePathsAsProcPrintsThem() throws Exception
    {
        assertEquals("/", CgroupPaths.decode(bytes("/")));
        assertEquals("/machine.slice/tenant-a", CgroupPaths.decode(bytes("/machine.slice/tenant-a")));
        assertEquals("/a/.hidden/..x/x..", CgroupPaths.decode(bytes("/a/.hidden/..x/x..")));
        assertEquals("/grüße", CgroupPaths.decode(bytes("/grüße")));
        assertEquals("/" + "a".repeat(4095), CgroupPaths.decode(bytes("/" + "a".repeat(4095))));
    }

    @Test
    void refusesEachBrokenRuleWithItsErrnoAndReason()
    {
        refused(Errno.EINVAL, "cgroup path empty: path=\"\"", "");
        refused(Errno.EINVAL, "cgroup path not absolute: path=a/b", "a/b");
        refused(Errno.EINVAL, "cgroup path has a . or .. component: path=/a/../b", "/a/../b");
        refused(Errno.EINVAL, "cgroup path has a . or .. component: path=/a/.", "/a/.");
        refused(Errno.EINVAL, "cgroup path has a . or .. component: path=/..", "/..");
        refused(Errno.EINVAL, "cgroup path has an empty component: path=/a//b", "/a//b");
        refused(Errno.EINVAL, "cgroup path ends with /: path=/a/", "/a/");
        refused(Errno.EINVAL, "cgroup path has a NUL or newline: path=/a\\0b", "/a\0b");
        refused(Errno.EINVAL, "cgroup path has a NUL or newline: path=/a\\nb", "/a\nb");
        refused(Errno.ENAMETOOLONG, "cgroup path too long: length=4097 max=4096", "/" + "a".repeat(4096));
    }

    @Test
    void refusesBytesThatAreNotUtf8()
    {
        final CgroupPathException ex = assertThrows(CgroupPathException.class,
            () -> CgroupPaths.decode(new byte[] { '/', 'a', (byte)0xC3, '(' }));
        assertEquals(Errno.EINVAL.status(), ex.status());
        assertEquals("cgroup path not UTF-8: length=4", ex.getMessage());
    }

    private static void refused(final Errno errno, final String message, final String path)
    {
        final CgroupPathException ex = assertThrows(CgroupPathException.class, () -> CgroupPaths.decode(bytes(path)));
        assertEquals(errno.status(), ex.status(), message);
        assertEquals(message, ex.getMessage());
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
