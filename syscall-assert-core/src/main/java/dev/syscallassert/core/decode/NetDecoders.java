package dev.syscallassert.core.decode;

import dev.syscallassert.core.arch.LittleEndian;
import dev.syscallassert.core.xlat.Constants;

/**
 * Socket calls: socket and socketpair, connect and bind, listen, the accept-like calls that return an address,
 * sendto/recvfrom, sendmsg/recvmsg (with {@link Msghdrs}), sendmmsg/recvmmsg ({@link MessageVectors}) and shutdown;
 * socket options are {@link SocketOptionDecoders}. strace's net.c. The address a call used or learnt is recorded in
 * {@link DecodedCall#address}; for listen, the address the socket listens on, from the kernel's socket tables.
 * Stateless; called on the tracer thread.
 */
final class NetDecoders {

    private NetDecoders() {
    }

    /** This family's decoder of syscall {@code name}, a new one each call; null when it has none. */
    static SyscallDecoder decoder(String name) {
        return switch (name) {
            case "socket" -> SyscallDecoder.of(NetDecoders::socketTriple);
            case "socketpair" -> SyscallDecoder.of(c -> {
                socketTriple(c);
                c.pointer(3);
            }, (c, ret) -> c.replace(3, StructRenderers.fdPair(c.tracee, c.args[3])));
            case "connect", "bind" -> SyscallDecoder.of(c -> {
                c.fd(0);
                sockaddrArg(c, c.args[1], c.args[2]);
                c.add(Integer.toString(c.int32(2)));
            });
            // listen has no address argument, and a bind to port 0 only said "0": the kernel's socket table knows.
            case "listen" -> SyscallDecoder.of(c -> c.fd(0).int32Arg(1), (c, ret) -> {
                if (c.out.address == null) {
                    c.out.address = ProcNetSockets.localAddress(c.tracee.pid(), c.out.fdPath);
                }
            });
            case "accept", "getsockname", "getpeername" ->
                    SyscallDecoder.of(NetDecoders::acceptLike, (c, ret) -> addressResult(c, 1, c.args[1], c.args[2]));
            case "accept4" -> SyscallDecoder.of(c -> {
                acceptLike(c);
                c.flags(3, "socket_type_flags", null);
            }, (c, ret) -> addressResult(c, 1, c.args[1], c.args[2]));
            case "sendto" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(StructRenderers.data(c.tracee, c.args[1], c.args[2]));
                c.unsigned(2).flags(3, "msg_flags", null);
                sockaddrArg(c, c.args[4], c.args[5]);
                c.add(Integer.toString(c.int32(5)));
            });
            case "recvfrom" -> SyscallDecoder.of(c -> {
                c.fd(0).pointer(1).unsigned(2).flags(3, "msg_flags", null).pointer(4)
                        .inOutInteger(5, StructRenderers.SOCKLEN_SIZE);
            }, (c, ret) -> {
                c.replace(1, StructRenderers.data(c.tracee, c.args[1], ret));
                addressResult(c, 4, c.args[4], c.args[5]);
            });
            case "sendmsg" -> SyscallDecoder.of(c -> {
                c.fd(0);
                c.add(Msghdrs.msghdr(c, c.args[1], -1, null));
                c.flags(2, "msg_flags", null);
            });
            case "recvmsg" -> SyscallDecoder.of(c -> {
                c.fd(0);
                // Only msg_namelen is an input worth showing before the call; strace prints "{msg_namelen=N}".
                byte[] hdr = c.args[1] == 0 ? null : c.tracee.read(c.args[1], Msghdrs.MSGHDR_SIZE);
                if (hdr == null) {
                    c.pointer(1);
                } else {
                    long namelen = (int) Msghdrs.MSG_NAMELEN.of(hdr);
                    c.out.inOutValueAtEntry = namelen;
                    c.add("{msg_namelen=" + namelen + "}");
                }
                c.flags(2, "msg_flags", null);
            }, (c, ret) -> c.replace(1, Msghdrs.msghdr(c, c.args[1], ret, c.out.inOutValueAtEntry)));
            case "sendmmsg", "recvmmsg" -> MessageVectors.decoder(name);
            case "shutdown" -> SyscallDecoder.of(c -> c.fd(0)
                    .add(Constants.group("shutdown_modes").valueOrUnknown(c.args[1] & 0xffffffffL, "SHUT_")));
            default -> null;
        };
    }

    /** The value-result socklen is shown as {@code [16]} at the entry, {@code [110 => 2]} at the exit. */
    private static void acceptLike(ArgumentCursor c) {
        c.fd(0).pointer(1).inOutInteger(2, StructRenderers.SOCKLEN_SIZE);
    }

    private static void socketTriple(ArgumentCursor c) {
        int family = c.int32(0);
        c.add(Constants.group("address_family").valueOrUnknown(family & 0xffffffffL, "AF_"));
        c.add(FlagRenderers.socketType(c.args[1] & 0xffffffffL));
        if (family == Sockaddrs.AF_INET || family == Sockaddrs.AF_INET6) {
            c.add(Constants.group("ip_protocol").valueOrUnknown(c.args[2] & 0xffffffffL, "IPPROTO_"));
        } else if (family == Sockaddrs.AF_NETLINK) {
            c.add(Constants.group("netlink_protocols").valueOrUnknown(c.args[2] & 0xffffffffL, "NETLINK_"));
        } else if (family == Sockaddrs.AF_PACKET) {
            // The protocol is in network byte order: strace shows it as htons(ETH_P_...).
            int protocol = Short.toUnsignedInt(Short.reverseBytes((short) c.args[2]));
            c.add("htons(" + Constants.group("ethernet_protocols").valueOrUnknown(protocol, "ETH_P_") + ")");
        } else {
            c.int32Arg(2);
        }
    }

    /** Renders a sockaddr argument and records it as the call's address. */
    private static void sockaddrArg(ArgumentCursor c, long address, long length) {
        Sockaddrs.Decoded d = Sockaddrs.read(c.tracee, address, (int) length);
        c.add(d.rendered());
        if (d.address() != null) {
            c.out.address = d.address();
        }
    }

    /**
     * The address an accept-like call wrote: decoded from min(buffer size at entry, length at exit) bytes, as
     * strace does, with the length shown as {@code [in => out]} when the kernel changed it.
     */
    private static void addressResult(ArgumentCursor c, int addrIndex, long address, long lengthAddress) {
        if (lengthAddress == 0 || c.out.inOutValueAtEntry == null) {
            return;
        }
        byte[] lenBytes = c.tracee.read(lengthAddress, StructRenderers.SOCKLEN_SIZE);
        if (lenBytes == null) {
            return;
        }
        long in = c.out.inOutValueAtEntry;
        long outLen = LittleEndian.get(lenBytes, 0, lenBytes.length);
        c.replace(addrIndex + 1, in == outLen ? "[" + in + "]" : "[" + in + " => " + outLen + "]");
        if (address != 0) {
            Sockaddrs.Decoded d = Sockaddrs.read(c.tracee, address, (int) Math.min(in, outLen));
            c.replace(addrIndex, d.rendered());
            if (d.address() != null) {
                c.out.address = d.address();
            }
        }
    }
}
