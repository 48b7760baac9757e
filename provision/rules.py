from learningcity.permissions import STAFF, role_rule

role_rule("provision.edit_provision", STAFF)
