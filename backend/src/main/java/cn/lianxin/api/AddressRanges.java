package cn.lianxin.api;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A list of address ranges in CIDR notation ({@code 100.104.0.0/16}, {@code 2001:db8::/32}; a bare address is a
 * range of one). Only literal addresses are accepted — a host name here would make every check a DNS lookup.
 */
public final class AddressRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException naming the entry that is not a literal address or CIDR range */
    public static AddressRanges parse(List<String> entries) {
        return new AddressRanges(entries.stream().map(String::strip).filter(e -> !e.isEmpty()).map(AddressRanges::range).toList());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
        }
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a CIDR prefix length: " + entry);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("Prefix length out of range: " + entry);
        }
        return new Range(network, prefix);
    }

    /** The address's bytes if it is an IPv4 or IPv6 literal, else null (never a name resolution). */
    private static byte[] literal(String text) {
        boolean literal = text.matches("[0-9.]+") && text.chars().filter(c -> c == '.').count() == 3
                || text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!literal) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
