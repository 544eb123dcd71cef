package org.xsf.xepflow.vote;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BallotRepository extends JpaRepository<Ballot, Long> {
  List<Ballot> findByVoteIdOrderByIdAsc(Long voteId);
}
