package com.attest.platform.web;

import com.attest.platform.Database;
import com.attest.platform.audit.Sha256;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The messages of a request that ended in a redirect, waiting in the database ({@code redirect_message}) for the page
 * the redirect leads to, whichever node serves it: a row committed before the redirect is answered is there for the
 * next request on any node, which a change to the replicated session is not always. Rows are keyed by the SHA-256 of
 * the session id; each is shown once, and rows never taken are removed by a later redirect once {@link #KEPT_FOR}
 * old.
 */
@ApplicationScoped
public class KeptMessages {

    private static final Logger LOG = Logger.getLogger(KeptMessages.class.getName());

    /**
     * How long an untaken message waits (the next redirect on any node removes older ones); the cookie that says
     * messages wait lives as long.
     */
    static final Duration KEPT_FOR = Duration.ofHours(1);

    @Resource(lookup = Database.JNDI_NAME)
    private DataSource dataSource;

    /** Keeps {@code messages} for the session's next page; committed when this returns. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void keep(String sessionId, List<FacesMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO redirect_message (session_key, severity, summary, detail)"
                + " VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
        }
        String key = key(sessionId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (FacesMessage message : messages) {
                    insert.setString(p++, key);
                    insert.setShort(p++, (short) message.getSeverity().getOrdinal());
                    insert.setString(p++, message.getSummary() == null ? "" : message.getSummary());
                    insert.setString(p++, message.getDetail());
                }
                insert.executeUpdate(); // one statement: all of the request's messages or none
            }
            try (PreparedStatement forget = c.prepareStatement("DELETE FROM redirect_message"
                    + " WHERE kept_at < clock_timestamp() - interval '" + KEPT_FOR.toSeconds() + " seconds'")) {
                forget.executeUpdate();
            } catch (SQLException e) { // the messages are kept: the next redirect removes the old ones
                LOG.log(Level.WARNING, "Messages kept before redirects an hour ago not removed yet", e);
            }
        }
    }

    /** The messages kept for the session, oldest first, taken: a second call returns none. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<FacesMessage> take(String sessionId) throws SQLException {
        TreeMap<Long, FacesMessage> taken = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM redirect_message WHERE session_key = ?"
                     + " RETURNING id, severity, summary, detail")) {
            c.setAutoCommit(true);
            s.setString(1, key(sessionId));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    FacesMessage.Severity severity = (FacesMessage.Severity) FacesMessage.VALUES.get(rs.getShort(2));
                    taken.put(rs.getLong(1), new FacesMessage(severity, rs.getString(3), rs.getString(4)));
                }
            }
        }
        return new ArrayList<>(taken.values());
    }

    /** The session id as the table keeps it: its SHA-256, so the table holds no live session's id. */
    static String key(String sessionId) {
        return Sha256.hex(sessionId);
    }
}
