package cn.lianxin.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, for per-address limits and source allowlists. X-Forwarded-For is believed only from a configured
 * proxy (anyone else could write any address into it), and then only its rightmost hop that is not itself one of
 * our proxies: the hops to the left of that are whatever the client sent.
 */
@ApplicationScoped
public class ClientAddress {

    private final AddressRanges trustedProxies;

    /** @param trustedProxies addresses or CIDR ranges (an ingress controller's pod network, say) */
    public ClientAddress(@ConfigProperty(name = "lianxin.http.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.trustedProxies = AddressRanges.parse(trustedProxies.orElse(List.of()));
    }

    public String of(HttpServerRequest request) {
        return of(request.remoteAddress().hostAddress(), request.getHeader("X-Forwarded-For"));
    }

    String of(String peer, String forwarded) {
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
