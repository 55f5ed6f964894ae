"""The code systems and value maps the PAS import and export share.

Owns the X12 review-action codes (element 306) and their case-file decisions, the
place-of-service and level-of-service maps, and the PAS extension URLs. May import nothing
from toulmin.

Examples
--------
>>> DECISION_OF_ACTION["A3"], ACTION_OF_DECISION["approved"]
('denied', 'A1')
"""

from __future__ import annotations

__all__ = [
    "ACTION_OF_DECISION",
    "ACTION_SYSTEM",
    "DECISION_OF_ACTION",
    "ENCOUNTER_SETTING",
    "EXT",
    "LEVEL_OF_SERVICE_URGENCY",
    "POS_SETTING",
    "PRIORITY_URGENCY",
    "TOULMIN_EXT",
]

#: PAS extension URLs
PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/"
EXT = {
    "review_action": PAS + "extension-reviewAction",
    "review_action_code": PAS + "extension-reviewActionCode",
    "issue_date": PAS + "extension-itemPreAuthIssueDate",
    "authorized_detail": PAS + "extension-itemAuthorizedDetail",
    "certification_type": PAS + "extension-certificationType",
    "level_of_service": PAS + "extension-levelOfServiceCode",
    "authorization_number": PAS + "extension-authorizationNumber",
}
#: toulmin's own extension on an exported ClaimResponse item: the requested service
TOULMIN_EXT = "https://w3id.org/toulmin/fhir/StructureDefinition/requested-service"
#: X12 005010 element 306 (health care services review action)
ACTION_SYSTEM = "https://codesystem.x12.org/005010/306"
DECISION_OF_ACTION = {
    "A1": "approved",  # certified in total
    "A2": "approved",  # certified, partial (reported)
    "A3": "denied",  # not certified
    "A4": "pended",
    "A6": "approved",  # modified (reported)
    "CT": "pended",  # contact payer
}
ACTION_OF_DECISION = {"approved": "A1", "denied": "A3", "pended": "A4"}
ACTION_DISPLAY = {"A1": "Certified in total", "A3": "Not Certified", "A4": "Pended"}
#: CMS place-of-service code -> case-file setting
POS_SETTING = {
    "21": "inpatient",
    "51": "inpatient",
    "61": "inpatient",
    "11": "outpatient",
    "19": "outpatient",
    "22": "outpatient",
    "24": "ambulatory",
}
#: HL7 v3 ActCode encounter class -> case-file setting (when the item has no place of service)
ENCOUNTER_SETTING = {"IMP": "inpatient", "ACUTE": "inpatient", "AMB": "ambulatory"}
#: X12 element 1338 (level of service) -> urgency
LEVEL_OF_SERVICE_URGENCY = {"U": "urgent", "03": "urgent", "E": "standard"}
#: FHIR processpriority -> urgency
PRIORITY_URGENCY = {"stat": "urgent", "normal": "standard"}
