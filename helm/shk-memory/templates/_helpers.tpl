{{/* Chart name, shortened to the 63 characters Kubernetes allows. */}}
{{- define "shk-memory.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Resource name prefix: release-chart unless the release name already holds the chart's. */}}
{{- define "shk-memory.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "shk-memory.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "shk-memory.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shk-memory.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "shk-memory.labels" -}}
helm.sh/chart: {{ include "shk-memory.chart" . }}
{{ include "shk-memory.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "shk-memory.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "shk-memory.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Secret holding the database password and the API keys. */}}
{{- define "shk-memory.secretName" -}}
{{- default (include "shk-memory.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{- define "shk-memory.jdbcUrl" -}}
{{- $db := .Values.database }}
{{- $host := required "database.host is required: shk-memory runs on an external PostgreSQL" $db.host }}
{{- $url := printf "jdbc:postgresql://%s:%v/%s?sslmode=%s" $host $db.port $db.name $db.sslMode }}
{{- if $db.extraParameters }}
{{- $url = printf "%s&%s" $url $db.extraParameters }}
{{- end }}
{{- $url }}
{{- end }}
