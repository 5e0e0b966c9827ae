package com.attest.engagement;

import com.attest.platform.change.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample drawn from an engagement's population: the seed and size, the population it was drawn from (its size and
 * the SHA-256 of its references, one a line, in order) and the references drawn. Kept unchanged for ever.
 */
@Entity
@Table(name = "engagement_sample")
public class EngagementSample implements Audited, Serializable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "engagement_id", nullable = false, updatable = false)
    private Long engagementId;
    @Column(nullable = false, updatable = false)
    private long seed;
    @Column(nullable = false, updatable = false)
    private int size;
    @Column(name = "population_size", nullable = false, updatable = false)
    private int populationSize;
    @Column(name = "population_sha256", nullable = false, updatable = false)
    private String populationSha256;
    @Column(nullable = false, updatable = false)
    private String refs;
    @Column(name = "drawn_by", nullable = false, updatable = false)
    private String drawnBy;
    @Column(name = "drawn_at", nullable = false, updatable = false)
    private Instant drawnAt;

    protected EngagementSample() {
    }

    EngagementSample(long engagementId, long seed, int populationSize, String populationSha256, List<String> refs,
                     String drawnBy, Instant drawnAt) {
        this.engagementId = engagementId;
        this.seed = seed;
        this.size = refs.size();
        this.populationSize = populationSize;
        this.populationSha256 = populationSha256;
        this.refs = String.join(",", refs);
        this.drawnBy = drawnBy;
        this.drawnAt = drawnAt;
    }

    public List<String> references() {
        return List.of(refs.split(","));
    }

    @Override
    public String auditType() {
        return "EngagementSample";
    }

    @Override
    public Object auditId() {
        return id;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("engagement", engagementId);
        s.put("seed", seed);
        s.put("size", size);
        s.put("populationSize", populationSize);
        s.put("populationSha256", populationSha256);
        s.put("references", references());
        s.put("drawnBy", drawnBy);
        s.put("drawnAt", drawnAt);
        return s;
    }

    public Long getId() { return id; }
    public Long getEngagementId() { return engagementId; }
    public long getSeed() { return seed; }
    public int getSize() { return size; }
    public int getPopulationSize() { return populationSize; }
    public String getPopulationSha256() { return populationSha256; }
    public String getDrawnBy() { return drawnBy; }
    public Instant getDrawnAt() { return drawnAt; }
}
