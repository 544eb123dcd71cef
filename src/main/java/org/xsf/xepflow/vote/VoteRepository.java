package org.xsf.xepflow.vote;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

public interface VoteRepository extends JpaRepository<Vote, Long> {
  List<Vote> findByXepNumberOrderById(Integer xepNumber);

  /** Ballots on one vote are cast one after the other, so the last voter sees every other ballot. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  Optional<Vote> findLockedById(Long id);
}
