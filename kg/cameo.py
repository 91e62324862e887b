"""The 20 root families of the CAMEO event codebook, as GDELT codes them.

>>> FAMILIES["04"]
'Consult'
>>> CODE_OF["Threaten"]
'13'
"""

from __future__ import annotations

FAMILIES: dict[str, str] = {
    "01": "MakeStatement",
    "02": "Appeal",
    "03": "ExpressIntentToCooperate",
    "04": "Consult",
    "05": "EngageInDiplomaticCooperation",
    "06": "EngageInMaterialCooperation",
    "07": "ProvideAid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "ExhibitForce",
    "16": "ReduceRelations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "UseUnconventionalMassViolence",
}

CODE_OF: dict[str, str] = {name: code for code, name in FAMILIES.items()}

DESCRIPTIONS: dict[str, str] = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult (meetings, visits, negotiations)",
    "05": "Engage in diplomatic cooperation (incl. signing agreements)",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove (incl. accusations, charges, lawsuits)",
    "12": "Reject (incl. denials)",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit military posture",
    "16": "Reduce relations",
    "17": "Coerce (incl. arrest, seizure)",
    "18": "Assault",
    "19": "Fight (incl. invasion)",
    "20": "Use unconventional mass violence",
}
