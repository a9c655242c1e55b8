package cn.lianxin.api;

import jakarta.ws.rs.core.Response;
import java.net.URI;

/** 201 Created with the new resource's address and its view. */
public final class Created {

    private Created() {
    }

    public static Response at(String collectionPath, Object id, Object view) {
        return Response.created(URI.create(collectionPath + "/" + id)).entity(view).build();
    }
}
