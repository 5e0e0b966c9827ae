package com.attest.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a request says about itself when a TLS-terminating proxy or load balancer forwarded it: the client's address
 * ({@code X-Forwarded-For}), the scheme it used ({@code X-Forwarded-Proto}) and the host it asked for
 * ({@code X-Forwarded-Host}). Believed only from the proxies named in {@code attest.trusted-proxies} (addresses or
 * CIDR blocks, comma-separated); from anyone else the headers are ignored, so nobody can pose as another address or
 * scheme by sending them.
 */
public final class Forwarded {

    private static volatile List<Block> trusted;

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private Forwarded() {
    }

    /** The client's address: the last one before a trusted proxy in {@code X-Forwarded-For}, else the peer's. */
    public static String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        String chain = request.getHeader("X-Forwarded-For");
        if (chain == null || chain.isBlank()) {
            return peer;
        }
        List<String> hops = Arrays.stream(chain.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (!trusted(hops.get(i)) || i == 0) {
                return hops.get(i);
            }
        }
        return peer;
    }

    /** Whether the client reached the portal over HTTPS (itself, or at a trusted proxy). */
    public static boolean isSecure(HttpServletRequest request) {
        return "https".equals(scheme(request));
    }

    public static String scheme(HttpServletRequest request) {
        String proto = trusted(request.getRemoteAddr()) ? first(request.getHeader("X-Forwarded-Proto")) : null;
        return proto == null ? request.getScheme() : proto.toLowerCase(Locale.ROOT);
    }

    /** The host and port the client asked for ({@code Host}, or a trusted proxy's {@code X-Forwarded-Host}). */
    public static String host(HttpServletRequest request) {
        String forwarded = trusted(request.getRemoteAddr()) ? first(request.getHeader("X-Forwarded-Host")) : null;
        if (forwarded != null) {
            return forwarded;
        }
        String host = request.getHeader("Host");
        return host != null ? host : request.getServerName() + ":" + request.getServerPort();
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.split(",")[0].strip();
        return value.isEmpty() ? null : value;
    }

    static boolean trusted(String address) {
        if (address == null) {
            return false;
        }
        List<Block> blocks = blocks();
        if (blocks.isEmpty()) {
            return false; // no proxy configured: nothing to parse (asked several times on every request)
        }
        byte[] raw = parse(address);
        return raw != null && blocks.stream().anyMatch(b -> b.contains(raw));
    }

    private static List<Block> blocks() {
        List<Block> t = trusted;
        if (t == null) {
            t = trust(ConfigProvider.getConfig().getOptionalValue("attest.trusted-proxies", String.class).orElse(""));
        }
        return t;
    }

    /** From now on, believe the proxies named (addresses or CIDR blocks, comma-separated): the configuration's. */
    static List<Block> trust(String configured) {
        List<Block> t = Arrays.stream(configured.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Forwarded::block).toList();
        trusted = t;
        return t;
    }

    private static Block block(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = parse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("attest.trusted-proxies: '" + cidr + "' is not an address or block");
        }
        int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        return new Block(network, bits);
    }

    /** The address's bytes, only for literal IPv4 or IPv6 addresses (never a name to look up). */
    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[0-9.]+|[0-9a-fA-F:.%]+");

    private static byte[] parse(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!ADDRESS.matcher(a).matches() || !a.contains(".") && !a.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
