package org.xsf.xepflow.vote;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface VoteRepository extends JpaRepository<Vote, Long>, VoteLock {
  List<Vote> findByXepNumberOrderById(Integer xepNumber);
}
