package cn.lianxin.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * NUL characters are refused wherever the API takes text — JSON strings and map keys, query and path parameters —
 * with 422 naming the field: PostgreSQL's text and jsonb cannot store them, and a value that reaches the database
 * would fail its whole transaction (a 500) or, inside an event, the relay. One place, so no field can forget it.
 */
@Singleton
public class TextWithoutNul implements ObjectMapperCustomizer {

    static final String REFUSED = "must not contain NUL characters (\\u0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("text-without-nul")
                .addDeserializer(String.class, new Strings())
                .addKeyDeserializer(String.class, new Keys()));
    }

    /** Query and path parameters; bodies are covered by the deserializers below. */
    @ServerRequestFilter
    public Response refuseInParameters(UriInfo uri) {
        for (MultivaluedMap<String, String> parameters : List.of(uri.getQueryParameters(), uri.getPathParameters())) {
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                if (parameter.getValue().stream().anyMatch(TextWithoutNul::hasNul)) {
                    return ProblemMappers.respond(Problem.invalid(List.of(new Problem.FieldError(parameter.getKey(), REFUSED))));
                }
            }
        }
        return null;
    }

    private static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    private static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (hasNul(text)) {
                throw InvalidFormatException.from(p, REFUSED, text, String.class);
            }
            return text;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (hasNul(key)) {
                throw ctxt.weirdKeyException(String.class, key, REFUSED);
            }
            return key;
        }
    }
}
