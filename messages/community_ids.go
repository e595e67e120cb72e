package messages

import "github.com/followup-coach/followup/followup"

// Ids of the career-center edition: the Home tab, the staff role and the
// community library.
const (
	// CallbackCommunity is the staff's community library list; no inputs.
	CallbackCommunity = "community"
	// CallbackCommunityItem is the staff's add/edit form of a community
	// item; private_metadata is the item id, "" when adding.
	CallbackCommunityItem = "community_item"

	// ActionOpenSettings opens SettingsModal; no value.
	ActionOpenSettings = "open_settings"
	// ActionPause and ActionResume pause and resume nudges; no value.
	ActionPause  = "pause_nudges"
	ActionResume = "resume_nudges"
	// ActionHomePage shows another page of the Home tab; value is the page
	// number (PageValue).
	ActionHomePage = "home_page"
	// ActionOpenStats is the staff's "Numbers" button. The stats issue
	// routes it; until then the bot says the numbers are coming.
	ActionOpenStats = "open_stats"

	// ActionCommunityOpen opens CommunityModal; no value. Staff only.
	ActionCommunityOpen = "community_open"
	// ActionCommunityAdd opens CommunityItemModal empty; no value. Staff only.
	ActionCommunityAdd = "community_add"
	// ActionCommunityEdit opens CommunityItemModal for an item; value is
	// the item id. Staff only.
	ActionCommunityEdit = "community_edit"
	// ActionCommunityRetire retires an item after a confirm; value is the
	// item id. Staff only.
	ActionCommunityRetire = "community_retire"
	// ActionLibraryCopy copies a community item into the student's own
	// library; value is the item id.
	ActionLibraryCopy = "library_copy"

	// Inputs of CommunityItemModal that LibraryItemModal has not.
	BlockItemDiagnosis  = string(FieldItemDiagnosis)
	BlockItemLevel      = string(FieldItemLevel)
	ActionItemDiagnosis = BlockItemDiagnosis + "_input"
	ActionItemLevel     = BlockItemLevel + "_input"

	// FieldItemDiagnosis and FieldItemLevel are the fields of a community
	// item's fit.
	FieldItemDiagnosis followup.Field = "item_diagnosis"
	FieldItemLevel     followup.Field = "item_level"

	// AnyValue is the option value of "fits every diagnosis / level":
	// Slack needs a non-empty value, the domain uses "".
	AnyValue = "any"

	BlockHomeHeader     = "home_header"
	BlockHomeStatus     = "home_status"
	BlockHomeActions    = "home_actions"
	BlockHomeEmpty      = "home_empty"
	BlockHomeDue        = "home_due"
	BlockHomeDrafts     = "home_drafts"
	BlockHomeNext       = "home_next"
	BlockHomeOutcomes   = "home_outcomes"
	BlockHomeMore       = "home_more"
	BlockHomePages      = "home_pages"
	BlockStaffDivider   = "staff_divider"
	BlockStaffHeader    = "staff_header"
	BlockStaffIntro     = "staff_intro"
	BlockStaffActions   = "staff_actions"
	BlockStaffEmpty     = "staff_empty"
	BlockStaffMore      = "staff_more"
	BlockCommunityIntro = "community_intro"
	BlockCommunityAdd   = "community_add"
	BlockLibraryCenter  = "library_center"
	BlockStaffReply     = "staff_reply"
	homeRowPrefix       = "home_iv_"
	communityRowPrefix  = "community_item_"
	centerRowPrefix     = "center_item_"
)
