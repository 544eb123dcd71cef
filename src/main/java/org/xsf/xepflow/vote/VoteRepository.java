package org.xsf.xepflow.vote;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface VoteRepository extends JpaRepository<Vote, Long> {
  java.util.List<Vote> findByXepNumberOrderById(Integer xepNumber);

  /** Ballots on one vote are cast one after the other, so the last voter sees every other ballot. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select v from Vote v where v.id = :id")
  Optional<Vote> lock(@Param("id") Long id);
}
