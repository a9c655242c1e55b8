package cn.lianxin.notifications;

import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.UUID;

/** The message log's query parameters, shared by the API's log and the console's 消息 page. */
public class MessageFilters {

    @QueryParam("caseId") public UUID caseId;
    @QueryParam("representativeId") public Long representativeId;
    @QueryParam("residentId") public UUID residentId;
    @QueryParam("channel") public MessageChannel channel;
    @QueryParam("status") public OutboundMessage.Status status;
    @QueryParam("recipientKind") public RecipientKind recipientKind;
    @QueryParam("from") public LocalDate from;
    @QueryParam("to") public LocalDate to;

    public MessageSearch toSearch() {
        return new MessageSearch(caseId, representativeId, residentId, channel, status, recipientKind, from, to, null);
    }

    /** The same filters narrowed to what sandboxed channels recorded instead of sending. */
    public MessageSearch sandboxed() {
        return new MessageSearch(caseId, representativeId, residentId, channel, status, recipientKind, from, to, true);
    }
}
