#!/usr/bin/env bash
# Runs the docs/second-partnership.md walk-through against a running Klima (KLIMA, default http://127.0.0.1:5612) on a
# fresh database with North Jutland's seed, and prints each request and its answer. ADMIN_PASSWORD: the administrator's.
# Needs curl and jq. Usage: ADMIN_PASSWORD=... KLIMA=http://localhost:5000 docs/second-partnership.sh
set -uo pipefail
KLIMA=${KLIMA:-http://127.0.0.1:5612}
ADMIN_PASSWORD=${ADMIN_PASSWORD:?}
JAR=$(mktemp)
H=$(mktemp)
show() { echo; echo "### $*"; }
# call METHOD PATH [JSON] [extra curl args...]; prints status and body (jq-formatted); body left in $OUT
call() {
  local m=$1 p=$2 d=${3:-}; shift 3 2>/dev/null || shift $#
  echo "\$ curl -X $m \$KLIMA$p${d:+ -d '$d'}"
  if [ -n "$d" ]; then
    OUT=$(curl -s -D $H -X "$m" "$KLIMA$p" -H "Authorization: ApiKey $KEY" -H 'Content-Type: application/json' -H 'Accept-Language: da' "$@" -d "$d")
  else
    OUT=$(curl -s -D $H -X "$m" "$KLIMA$p" -H "Authorization: ApiKey $KEY" -H 'Accept-Language: da' "$@")
  fi
  STATUS=$(head -1 $H | awk '{print $2}')
  ETAG=$(grep -i '^etag:' $H | awk '{print $2}' | tr -d '\r')
  echo "-> $STATUS${ETAG:+ ETag $ETAG}"
}
id() { echo "$OUT" | jq -r .id; }

show "0. Administrator: log in, create the model, issue a key limited to it"
LOGIN=$(curl -s -c $JAR -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" $KLIMA/api/auth/login)
CSRF=$(echo "$LOGIN" | jq -r .csrfToken)
NJ=01000000-0000-0000-0000-000000000001
admin() { curl -s -b $JAR "$KLIMA$1"; }
NJ_ROLLUP_BEFORE=$(admin "/api/financing/rollups?governanceModelId=$NJ&groupBy=programme,period,payer,costType&limit=200")
NJ_BVA_BEFORE=$(admin "/api/financing/budget-vs-actual?governanceModelId=$NJ&byPeriod=true")
echo "North Jutland before: rollup total $(echo "$NJ_ROLLUP_BEFORE" | jq -r .totals.budget.amount), sha256 $(echo -n "$NJ_ROLLUP_BEFORE" | sha256sum | cut -c1-16)"
MODEL=$(curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' $KLIMA/api/governance-models \
  -d '{"code":"midtjylland","name":"Klimaalliancen Midtjylland","description":"Den midtjyske geografiske organisering","validFrom":"2024-01-01"}')
echo "$MODEL" | jq -c '{id,code,name}'
MID=$(echo "$MODEL" | jq -r .id)
ISSUED=$(curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' $KLIMA/api/api-keys \
  -d "{\"name\":\"midt-opsaetning\",\"scopes\":[\"governance:read\",\"governance:write\",\"cases:read\",\"cases:write\",\"budgets:read\",\"budgets:write\"],\"governanceModelIds\":[\"$MID\"]}")
echo "$ISSUED" | jq -c '{key: (.key[0:14] + "..."), apiKey: {name: .apiKey.name, scopes: .apiKey.scopes, governanceModelIds: .apiKey.governanceModelIds}}'
KEY=$(echo "$ISSUED" | jq -r .key)
NJ=01000000-0000-0000-0000-000000000001

show "1. Organisations (KL already exists: it is one organisation in both partnerships)"
declare -A ORG
for spec in 'aarhus|municipality|Aarhus Kommune|"municipalityCode":"751"' 'randers|municipality|Randers Kommune|"municipalityCode":"730"' 'silkeborg|municipality|Silkeborg Kommune|"municipalityCode":"740"' 'rm|region|Region Midtjylland|"regionCode":"1082"'; do
  IFS='|' read -r k kind name extra <<<"$spec"
  call POST /api/organisations "{\"kind\":\"$kind\",\"name\":\"$name\",$extra}"; echo "$OUT" | jq -c '{id,kind,name}'; ORG[$k]=$(id)
done
call GET "/api/organisations?q=KL%20(Kommunernes"; echo "$OUT" | jq -c '.items[] | {id,name}'
KL=$(echo "$OUT" | jq -r '.items[0].id')

show "2. Parties of the model (If-Match: the model's version)"
for pair in "${ORG[aarhus]}:member" "${ORG[randers]}:member" "${ORG[silkeborg]}:member" "${ORG[rm]}:member" "$KL:nationalPartner"; do
  o=${pair%%:*}; r=${pair##*:}
  call GET /api/governance-models/$MID >/dev/null
  call PUT /api/governance-models/$MID/parties/$o "{\"role\":\"$r\"}" -H "If-Match: $ETAG"; echo "$OUT" | jq -c '[.[] | {organisationId, role}] | last' 2>/dev/null || echo "$OUT"
done

show "3. Bodies and seats"
call POST /api/bodies "{\"governanceModelId\":\"$MID\",\"code\":\"mj-sekretariat\",\"name\":\"Klimasekretariatet Midtjylland\",\"kind\":\"secretariat\",\"canDecide\":false,\"hostOrganisationId\":\"${ORG[rm]}\"}"; echo "$OUT" | jq -c '{id,code,name,kind}'; SEC=$(id)
call POST /api/bodies "{\"governanceModelId\":\"$MID\",\"code\":\"mj-styregruppe\",\"name\":\"Klimastyregruppen Midtjylland\",\"kind\":\"politicalBoard\",\"canDecide\":true}"; echo "$OUT" | jq -c '{id,code,name,kind}'; BOARD=$(id)
call POST /api/bodies "{\"governanceModelId\":\"$MID\",\"code\":\"kkr-midt\",\"name\":\"KKR Midtjylland\",\"kind\":\"politicalForum\",\"canDecide\":true}"; echo "$OUT" | jq -c '{id,code,name,kind}'; KKR=$(id)
call POST /api/bodies "{\"governanceModelId\":\"$MID\",\"code\":\"rr-midt\",\"name\":\"Regionsrådet i Region Midtjylland\",\"kind\":\"council\",\"canDecide\":true,\"hostOrganisationId\":\"${ORG[rm]}\"}"; echo "$OUT" | jq -c '{id,code,name,kind}'; RR=$(id)
for k in aarhus randers silkeborg; do
  call POST /api/bodies/$BOARD/seats "{\"label\":\"Borgmester\",\"role\":\"member\",\"voting\":true,\"representsOrganisationId\":\"${ORG[$k]}\",\"appointedByOrganisationId\":\"${ORG[$k]}\"}"; echo "$OUT" | jq -c '{id, label: .label, representsOrganisationId}'
done

show "3b. An election term of Midtjylland's own (where it differs from the national terms)"
call GET "/api/election-terms?governanceModelId=$MID"; echo "$OUT" | jq -c '[.items[] | {code, governanceModelId}]'
call POST /api/governance-models/$MID/election-terms '{"code":"midt-2024-2028","name":"Midtjysk valgperiode 2024-2028","startsOn":"2024-01-01","endsOn":"2028-01-01"}'; echo "$OUT" | jq -c '{code,startsOn,endsOn,governanceModelId}'
call GET "/api/election-terms?governanceModelId=$MID"; echo "$OUT" | jq -c '[.items[] | {code, governanceModelId}]'
echo "(North Jutland keeps the national terms; the key limited to Midtjylland may not read them: 403)"
call GET "/api/election-terms?governanceModelId=$NJ"; echo "$OUT" | jq -c '{status}'
echo "administrator: $(admin "/api/election-terms?governanceModelId=$NJ" | jq -c '[.items[] | {code, governanceModelId}]')"

show "4. Case interests"
for spec in 'joint|Fælles interesse|Joint interest' 'municipal|Kommunal interesse|Municipal interest' 'regional|Regional interesse|Regional interest'; do
  IFS='|' read -r c n e <<<"$spec"
  call POST /api/governance-models/$MID/interests "{\"code\":\"$c\",\"name\":\"$n\",\"nameEn\":\"$e\"}"; echo "$OUT" | jq -c '{code,name,nameEn}'
done

show "5. Routing rules"
rule() { # code interest priority deciders...
  local code=$1 interest=$2 prio=$3; shift 3
  local steps="{\"stageOrdinal\":1,\"stageName\":\"Forberedelse\",\"bodyId\":\"$SEC\",\"role\":\"recommendation\",\"authoritative\":false,\"deadlineDays\":14}"
  for b in "$@"; do steps="$steps,{\"stageOrdinal\":2,\"stageName\":\"Politisk behandling\",\"bodyId\":\"$b\",\"role\":\"decision\",\"authoritative\":true,\"deadlineDays\":60}"; done
  call POST /api/routing/rules "{\"governanceModelId\":\"$MID\",\"code\":\"$code\",\"name\":\"Regel: $interest\",\"interest\":\"$interest\",\"priority\":$prio,\"steps\":[$steps]}"
  echo "$OUT" | jq -c '{id,code,interest,priority,steps: [.steps[] | {stageOrdinal, bodyId, role}]}' 2>/dev/null || echo "$OUT"
}
rule mj-joint joint 10 $BOARD $KKR
rule mj-municipal municipal 20 $KKR
rule mj-regional regional 30 $RR

show "6. Payers"
declare -A PAY
for k in aarhus randers silkeborg rm; do
  call POST /api/financing/payers "{\"governanceModelId\":\"$MID\",\"code\":\"$k\",\"name\":\"$(curl -s $KLIMA/api/organisations/${ORG[$k]} -H "Authorization: ApiKey $KEY" | jq -r .name)\",\"organisationId\":\"${ORG[$k]}\"}"
  echo "$OUT" | jq -c '{id,code,name,governanceModelId}'; PAY[$k]=$(id)
done
echo "(a payer of North Jutland's organisation Aalborg is refused)"
call POST /api/financing/payers "{\"governanceModelId\":\"$MID\",\"code\":\"aalborg\",\"name\":\"Aalborg\",\"organisationId\":\"10000000-0000-0000-0000-000000000851\"}"; echo "$OUT" | jq -c '{status,rule,errors}'

show "7. Programme"
call POST /api/financing/programmes "{\"governanceModelId\":\"$MID\",\"code\":\"mj-sekretariat\",\"name\":\"Klimasekretariatet Midtjylland\",\"validFrom\":\"2024-01-01\",\"validTo\":\"2027-01-01\"}"; echo "$OUT" | jq -c '{id,code,name,governanceModelId}'; PROG=$(id)

show "8. Population allocation key"
call POST /api/financing/allocation-keys "{\"governanceModelId\":\"$MID\",\"code\":\"befolkning-2024\",\"name\":\"Befolkningstal 1. januar 2024\",\"method\":\"population\",\"basisNote\":\"Eksempeltal til gennemgangen\",\"shares\":[{\"payerId\":\"${PAY[aarhus]}\",\"weight\":367095},{\"payerId\":\"${PAY[randers]}\",\"weight\":99263},{\"payerId\":\"${PAY[silkeborg]}\",\"weight\":101835}]}"
echo "$OUT" | jq -c '{id,code,method,shares}'; AKEY=$(id)

show "9. Budget: the region's line, then 1,500,000.00 split by population"
call POST /api/financing/budgets "{\"programmeId\":\"$PROG\",\"code\":\"mj-sekretariat-2024\",\"name\":\"Klimasekretariatet Midtjylland 2024\",\"lines\":[{\"period\":\"2024\",\"costType\":\"salaries\",\"payerId\":\"${PAY[rm]}\",\"amount\":{\"amount\":500000.00,\"currency\":\"DKK\"},\"isAdjustment\":false}]}"
echo "$OUT" | jq -c '{id,code,currentVersion: .currentVersion}' ; BUDGET=$(id)
call POST /api/financing/budgets/$BUDGET/versions/split-by-key "{\"allocationKeyId\":\"$AKEY\",\"copyFromVersion\":1,\"lines\":[{\"period\":\"2024\",\"costType\":\"salaries\",\"amount\":{\"amount\":1500000.00,\"currency\":\"DKK\"}}]}"
echo "$OUT" | jq -c '{number, status, lines: [.lines[] | {payerId, amount: .amount.amount}], total: .total}'
NUM=$(echo "$OUT" | jq -r .number)
call GET /api/financing/budgets/$BUDGET/versions/$NUM >/dev/null
call POST /api/financing/budgets/$BUDGET/versions/$NUM/approve '{"decisionRef":"KKR Midtjylland 2024-01-10","approvedOn":"2024-01-10","effectiveFrom":"2024-01-01"}' -H "If-Match: $ETAG"
echo "$OUT" | jq -c '{number,status,approvedOn}'

show "10. A case of each kind, routed by Midtjylland's own rules"
for i in joint municipal regional; do
  call POST /api/cases "{\"title\":\"Midtjysk sag ($i)\",\"interest\":\"$i\",\"councilDecisionRequired\":false,\"governanceModelId\":\"$MID\"}"
  echo "$OUT" | jq -c '{caseNumber, ruleCode: .route.ruleCode, steps: [.route.stages[].steps[] | {bodyName, role, authoritative}]}'
done
echo "(North Jutland's interest 'financing' is not Midtjylland's)"
call POST /api/cases "{\"title\":\"Finansiering\",\"interest\":\"financing\",\"councilDecisionRequired\":false,\"governanceModelId\":\"$MID\"}"; echo "$OUT" | jq -c '{status,rule,errors}'

show "10b. A meeting of KKR Midtjylland"
call POST /api/meetings "{\"bodyId\":\"$KKR\",\"date\":\"2024-05-02\",\"title\":\"KKR Midtjylland\",\"location\":\"Aarhus\"}"; echo "$OUT" | jq -c '{id,bodyName,governanceModelId,date,state}'

show "11. Rollup and budget-vs-actual of Midtjylland"
call GET "/api/financing/rollups?governanceModelId=$MID&groupBy=payer"; echo "$OUT" | jq -c '{governanceModelId, totals: .totals.budget, items: [.items[] | {payerName, budget: .budget.amount}]}'
call GET "/api/financing/budget-vs-actual?governanceModelId=$MID"; echo "$OUT" | jq -c '{governanceModelId, budget: .totals.budget.amount, actual: .totals.actual.amount}'

show "12. The key limited to Midtjylland sees nothing of North Jutland"
for p in "/api/cases?limit=200" "/api/bodies?limit=200" "/api/meetings?limit=200" "/api/financing/allocation-keys" "/api/financing/payers" ; do
  call GET "$p"; echo "$OUT" | jq -c 'if type == "array" then {count: length, models: ([.[].governanceModelId] | unique)} else {count: (.items | length), models: ([.items[].governanceModelId // empty] | unique)} end'
done
for p in "/api/cases?governanceModelId=$NJ" "/api/cases/50000000-0000-0000-0000-000000000001" "/api/bodies/20000000-0000-0000-0000-000000000001" \
         "/api/meetings/60000000-0000-0000-0000-000000000001" "/api/reports/status?governanceModelId=$NJ&from=2024-01-01&to=2025-01-01" "/api/governance-models/$NJ/graph"; do
  call GET "$p"; echo "$OUT" | jq -c '{status, detail}'
done
call GET /oparl/v1/bodies; echo "$OUT" | jq -c '{bodies: [.data[].name]}'
call GET /oparl/v1/body/$NJ; echo "$OUT" | jq -c '{status}'

show "13. North Jutland's reads are unchanged (administrator, no limit)"
NJ_ROLLUP_AFTER=$(admin "/api/financing/rollups?governanceModelId=$NJ&groupBy=programme,period,payer,costType&limit=200")
NJ_BVA_AFTER=$(admin "/api/financing/budget-vs-actual?governanceModelId=$NJ&byPeriod=true")
echo "rollup total before $(echo "$NJ_ROLLUP_BEFORE" | jq -r .totals.budget.amount), after $(echo "$NJ_ROLLUP_AFTER" | jq -r .totals.budget.amount); identical documents: $([ "$NJ_ROLLUP_BEFORE" = "$NJ_ROLLUP_AFTER" ] && echo yes || echo NO)"
echo "budget-vs-actual identical: $([ "$NJ_BVA_BEFORE" = "$NJ_BVA_AFTER" ] && echo yes || echo NO)"
echo "North Jutland cases (filter) holding a Midtjylland case: $(admin "/api/cases?governanceModelId=$NJ&limit=200" | jq '[.items[] | select(.title | startswith("Midtjysk"))] | length')"
echo "North Jutland bodies (filter) of another model: $(admin "/api/bodies?governanceModelId=$NJ&limit=200" | jq "[.items[] | select(.governanceModelId != \"$NJ\")] | length")"
echo "Without a model, a rollup is refused rather than summing both:"; admin "/api/financing/rollups" | jq -c '{status, errors}'
echo "OParl (anonymous): $(curl -s $KLIMA/oparl/v1/bodies | jq -c '[.data[].name]')"
echo "OParl North Jutland organizations naming KKR Midtjylland: $(curl -s "$KLIMA/oparl/v1/body/$NJ/organizations?limit=500" | jq '[.data[] | select(.name == "KKR Midtjylland")] | length')"

show "14. One import: a small Midtjylland document (administrator), dry run first"
DOC=${DOC:-$(dirname "$0")/second-partnership.model.json}
echo '$ curl -X POST "$KLIMA/api/model-documents?dryRun=true" --data-binary @midt-doc.json'
curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' "$KLIMA/api/model-documents?dryRun=true" --data-binary @$DOC | jq -c '{dryRun, modelCode, governanceModelId, created, changed, unchanged, first: [.changes[0:4][] ]}'
echo '$ curl -X POST "$KLIMA/api/model-documents" --data-binary @midt-doc.json'
IMPORTED=$(curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' "$KLIMA/api/model-documents" --data-binary @$DOC)
echo "$IMPORTED" | jq -c '{dryRun, modelCode, governanceModelId, created, changed, unchanged}'
VEST=$(echo "$IMPORTED" | jq -r .governanceModelId)
echo '$ curl -X POST "$KLIMA/api/model-documents" --data-binary @midt-doc.json   (again: nothing changes)'
curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' "$KLIMA/api/model-documents" --data-binary @$DOC | jq -c '{created, changed, unchanged}'
echo "\$ curl -X POST \$KLIMA/api/cases -d '{\"title\":\"Vestjysk sag\",\"interest\":\"joint\",\"councilDecisionRequired\":false,\"governanceModelId\":\"$VEST\"}'"
curl -s -b $JAR -H "X-CSRF-TOKEN: $CSRF" -H 'Content-Type: application/json' "$KLIMA/api/cases" -d "{\"title\":\"Vestjysk sag\",\"interest\":\"joint\",\"councilDecisionRequired\":false,\"governanceModelId\":\"$VEST\"}" | jq -c '{caseNumber, ruleCode: .route.ruleCode, steps: [.route.stages[].steps[] | {bodyName, role}]}'
echo "The Midtjylland key does not see the imported model: $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: ApiKey $KEY" "$KLIMA/api/cases?governanceModelId=$VEST")"
echo "North Jutland's rollup still identical: $([ "$NJ_ROLLUP_BEFORE" = "$(admin "/api/financing/rollups?governanceModelId=$NJ&groupBy=programme,period,payer,costType&limit=200")" ] && echo yes || echo NO)"
