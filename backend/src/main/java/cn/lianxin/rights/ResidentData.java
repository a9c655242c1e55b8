package cn.lianxin.rights;

import cn.lianxin.api.ApiException;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.staff.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Everything held about one resident, as one JSON document they may download: who they are (the number masked —
 * they know it), their bindings, cases with their replies and ratings, the messages sent to them and those they
 * texted in, their photos, their consents, and who among the staff read their cases or data. Built by one query;
 * the rows of residents merged into them (the same person, first known on another channel) are theirs too.
 */
@ApplicationScoped
public class ResidentData {

    private static final String DOCUMENT = """
            WITH me AS (SELECT id FROM resident WHERE id = $1 OR merged_into = $1)
            SELECT json_build_object(
              'resident', (SELECT json_build_object('id', r.id, 'name', r.name, 'villageId', r.village_id, 'village', v.name,
                  'maskedPhone', r.phone_masked, 'smsBroadcastsOptedOut', r.sms_opted_out, 'createdAt', r.created_at,
                  'erasedAt', r.erased_at)
                FROM resident r LEFT JOIN village v ON v.id = r.village_id WHERE r.id = $1),
              'bindings', json_build_object(
                'wechat', EXISTS (SELECT 1 FROM resident WHERE id IN (SELECT id FROM me) AND openid IS NOT NULL),
                'phone', EXISTS (SELECT 1 FROM resident WHERE id IN (SELECT id FROM me) AND phone_hash IS NOT NULL)),
              'cases', coalesce((SELECT json_agg(json_build_object('id', c.id, 'number', c.number, 'state', c.state,
                  'channel', c.channel, 'text', c.text, 'registeredAt', c.registered_at, 'reply', c.reply_text,
                  'repliedAt', c.replied_at, 'feedback', c.feedback, 'feedbackComment', c.feedback_comment,
                  'archivedAt', c.archived_at) ORDER BY c.registered_at DESC)
                FROM cases c WHERE c.resident_id IN (SELECT id FROM me)), '[]'),
              'messages', coalesce((SELECT json_agg(json_build_object('caseId', m.case_id, 'channel', m.channel,
                  'purpose', m.purpose, 'text', m.body, 'status', m.status, 'createdAt', m.created_at, 'sentAt', m.sent_at)
                  ORDER BY m.created_at DESC)
                FROM outbound_message m WHERE m.resident_id IN (SELECT id FROM me)), '[]'),
              'smsReceived', coalesce((SELECT json_agg(json_build_object('caseId', s.case_id, 'text', s.content,
                  'sentAt', s.sent_at) ORDER BY s.sent_at DESC)
                FROM sms_uplink s WHERE s.resident_id IN (SELECT id FROM me)), '[]'),
              'photos', coalesce((SELECT json_agg(json_build_object('id', u.id, 'caseId', u.case_id,
                  'contentType', u.content_type, 'size', u.size, 'createdAt', u.created_at) ORDER BY u.created_at)
                FROM upload u WHERE u.resident_id IN (SELECT id FROM me)), '[]'),
              'consents', json_build_object(
                'subscribeMessages', coalesce((SELECT json_agg(json_build_object('templateId', s.template_id,
                    'remaining', s.remaining, 'at', s.updated_at) ORDER BY s.template_id)
                  FROM mp_subscription s WHERE s.resident_id IN (SELECT id FROM me)), '[]'),
                'log', coalesce((SELECT json_agg(json_build_object('kind', k.kind, 'subject', k.subject, 'granted', k.granted,
                    'channel', k.channel, 'at', k.at) ORDER BY k.at DESC, k.id DESC)
                  FROM consent k WHERE k.resident_id IN (SELECT id FROM me)), '[]')),
              'readBy', coalesce((SELECT json_agg(json_build_object('at', a.at, 'actor', a.actor, 'actorRole', a.actor_role,
                  'action', a.action, 'target', a.target, 'via', a.via) ORDER BY a.at DESC, a.id DESC)
                FROM read_audit a WHERE a.resident_id IN (SELECT id FROM me)), '[]')
            )::text""";

    private final Pool pool;
    private final ReadAudit audit;

    public ResidentData(Pool pool, ReadAudit audit) {
        this.audit = audit;
        this.pool = pool;
    }

    /** The document, or null for nobody by that id. */
    /** The document for a request the resident made at the office: read by staff, so a line of the read audit. */
    public Uni<JsonObject> readBy(Caller caller, UUID residentId) {
        return of(residentId).onItem().ifNull().failWith(() -> ApiException.notFound("Resident " + residentId))
                .call(document -> audit.record(caller, ReadAudit.Action.RESIDENT_DATA, ReadAudit.Read.ofResident(residentId)));
    }

    public Uni<JsonObject> of(UUID residentId) {
        return pool.preparedQuery(DOCUMENT).execute(Tuple.of(residentId)).map(rows -> {
            JsonObject document = new JsonObject(rows.iterator().next().getString(0));
            return document.getValue("resident") == null ? null : document;
        });
    }
}
