package org.xsf.xepflow.vote;

import org.springframework.data.jpa.repository.JpaRepository;

public interface BallotRepository extends JpaRepository<Ballot, Long>, BallotQueries {
}
