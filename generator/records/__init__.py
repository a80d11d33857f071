"""One module per record kind; ``FILE_KINDS`` says which model reads which file."""
from generator.records.activities import ActivitiesFile
from generator.records.catalog import CatalogFile
from generator.records.commitments import CommitmentsFile
from generator.records.community import CommunityFile
from generator.records.finances import FinanceFile
from generator.records.members import MembersFile
from generator.records.notices import NoticesFile
from generator.records.organization import OrganizationFile
from generator.records.partners import PartnersFile

# Files once per community, and folders holding one file per year.
SINGLE_FILES = {
    "community": CommunityFile,
    "organization": OrganizationFile,
    "members": MembersFile,
    "partners": PartnersFile,
    "catalog": CatalogFile,
}
YEAR_FOLDERS = {
    "commitments": CommitmentsFile,
    "finances": FinanceFile,
    "activities": ActivitiesFile,
    "notices": NoticesFile,
}
REQUIRED_FILES = ("community", "organization")
FILE_KINDS = {**SINGLE_FILES, **YEAR_FOLDERS}
