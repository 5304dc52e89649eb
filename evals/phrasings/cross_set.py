"""The money model across writers: train on the other phrasing sets plus the negatives, test on one set.

For each judgement (shortage: problems, request: measures) and each margin given, how many of the other
writer's positives score above the margin and how many of their other items do (false positives).
Usage: python evals/phrasings/cross_set.py [margin ...]  (from the repository root; default margins 0 2 4)
"""

from __future__ import annotations

import sys

from reviewer.scoring.money_model import CLASSES, Judgement, load_wordings, train

SETS = ("_money_set_1.yaml", "_money_set_2.yaml", "_money_set_3.yaml")
JUDGEMENTS: tuple[Judgement, ...] = ("shortage", "request")


def main(margins: list[float]) -> None:
    negatives = load_wordings("_money_negatives.yaml")
    for tested_on in SETS:
        trained_on = "+".join(s for s in SETS if s != tested_on)
        others = [w for s in SETS if s != tested_on for w in load_wordings(s)]
        test = load_wordings(tested_on)
        for judgement in JUDGEMENTS:
            model = train(judgement, others + negatives)
            positive, negative = CLASSES[judgement]
            pos = [model.score(w.text) for w in test if w.group in positive]
            neg = [model.score(w.text) for w in test if w.group in negative]
            for margin in margins:
                caught = sum(s > margin for s in pos)
                false = sum(s > margin for s in neg)
                print(
                    f"train {trained_on} test {tested_on} {judgement} margin {margin:g}: "
                    f"{caught}/{len(pos)} caught, {false}/{len(neg)} false"
                )


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.0, 2.0, 4.0])
